// C = A · op(B) + beta · C for a small A against a packed B, with AVX-512, or AVX2 and FMA.
//
// Layout. op(B) (k, n) is cut into panels of 16 columns; a panel stores its k rows of 16 floats
// one after another (zero-padded past n), so the micro-kernel streams it with aligned-size
// loads per k. A is read where it is: the micro-kernel broadcasts from 6 or 8 rows, each walked
// in order (copying A into blocks first took more time than the products at H = 32). k is
// walked in slices that keep the panel slices and the A rows' slices in L1 together. Threads
// split the panels, so each element of C is computed by one thread in one fixed order whatever
// the thread count.
//
// Two micro-kernels, the same sums in the same order (so the same bits):
// - AVX2: a 6 × 16 tile of C in twelve 8-float registers; per k, 2 loads of B, 6 broadcasts of A
//   and 12 FMAs.
// - AVX-512: an 8 × 32 tile (two panels side by side) in sixteen 16-float registers; per k, 2
//   loads of B, 8 broadcasts of A and 16 FMAs, twice the arithmetic per instruction.
#include "CKernels.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

enum {
  panel_width = 16,   // NR: columns of C per AVX2 micro-tile, half an AVX-512 one
  block_rows = 6,     // MR: rows of C per AVX2 micro-tile
  wide_block_rows = 8,  // MR: rows of C per AVX-512 micro-tile
  k_slice = 256,      // (2 × 16 + 8) floats × 256 = 40 KB: the slices fit in a 48 KB L1 (22 KB for AVX2)
};
/// Products with fewer multiply-adds than this run on the calling thread alone.
static const long threaded_work = 1L << 20;

size_t rk_packed_count(int k, int n) {
  return (size_t)k * (size_t)((n + panel_width - 1) / panel_width) * panel_width;
}

void rk_pack(int transposed, int k, int n, const float *b, int ldb, float *packed) {
  int panels = (n + panel_width - 1) / panel_width;
  for (int panel = 0; panel < panels; panel++) {
    float *target = packed + (size_t)panel * k * panel_width;
    int first = panel * panel_width, columns = n - first < panel_width ? n - first : panel_width;
    if (columns < panel_width) memset(target, 0, sizeof(float) * (size_t)k * panel_width);
    if (transposed) {
      // op(B)[kk][first + j] = b[(first + j) · ldb + kk]: each stored row becomes a panel column.
      for (int j = 0; j < columns; j++) {
        const float *row = b + (size_t)(first + j) * ldb;
        for (int kk = 0; kk < k; kk++) target[(size_t)kk * panel_width + j] = row[kk];
      }
    } else {
      for (int kk = 0; kk < k; kk++) memcpy(target + (size_t)kk * panel_width, b + (size_t)kk * ldb + first, sizeof(float) * columns);
    }
  }
}

#if defined(__x86_64__)
#include <immintrin.h>
#define AVX2_FMA __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx512f")))

int rk_packed_gemm_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// C[rows, columns] (rows ≤ 6, columns ≤ 16) = A block · panel over `depth` k, plus beta · C.
/// `rows` is a constant at each call site below, so the loops over it unroll into registers.
static inline __attribute__((always_inline)) AVX2_FMA void micro_tile(
    int rows, int depth, const float *a, int lda, const float *panel, float beta, float *c, int ldc, int columns) {
  __m256 left[block_rows], right[block_rows];
  for (int i = 0; i < block_rows; i++) left[i] = right[i] = _mm256_setzero_ps();
  for (int kk = 0; kk < depth; kk++) {
    __m256 b0 = _mm256_loadu_ps(panel + kk * panel_width), b1 = _mm256_loadu_ps(panel + kk * panel_width + 8);
    for (int i = 0; i < rows; i++) {
      __m256 value = _mm256_broadcast_ss(a + (size_t)i * lda + kk);
      left[i] = _mm256_fmadd_ps(value, b0, left[i]);
      right[i] = _mm256_fmadd_ps(value, b1, right[i]);
    }
  }
  if (columns == panel_width) {
    __m256 scale = _mm256_set1_ps(beta);
    for (int i = 0; i < rows; i++) {
      float *row = c + (size_t)i * ldc;
      if (beta != 0) {
        left[i] = _mm256_fmadd_ps(scale, _mm256_loadu_ps(row), left[i]);
        right[i] = _mm256_fmadd_ps(scale, _mm256_loadu_ps(row + 8), right[i]);
      }
      _mm256_storeu_ps(row, left[i]);
      _mm256_storeu_ps(row + 8, right[i]);
    }
    return;
  }
  float tile[panel_width] __attribute__((aligned(32)));
  for (int i = 0; i < rows; i++) {
    _mm256_store_ps(tile, left[i]);
    _mm256_store_ps(tile + 8, right[i]);
    float *row = c + (size_t)i * ldc;
    for (int j = 0; j < columns; j++) row[j] = beta == 0 ? tile[j] : beta * row[j] + tile[j];
  }
}

/// One product, as the pool's job sees it.
typedef struct {
  int m, n, k;
  const float *a;
  int lda;
  const float *packed;
  float beta;
  float *c;
  int ldc;
} product;

/// Computes the panels of part `part` of `parts`: every k slice, every row block.
static AVX2_FMA void multiply_panels(void *context, int part, int parts) {
  const product *p = context;
  int panels = (p->n + panel_width - 1) / panel_width;
  int first = (int)((long)panels * part / parts), last = (int)((long)panels * (part + 1) / parts);
  for (int k0 = 0; k0 < p->k; k0 += k_slice) {
    int depth = p->k - k0 < k_slice ? p->k - k0 : k_slice;
    float beta = k0 == 0 ? p->beta : 1;  // later slices add to what the first one stored
    for (int panel = first; panel < last; panel++) {
      const float *b = p->packed + ((size_t)panel * p->k + k0) * panel_width;
      int columns = p->n - panel * panel_width < panel_width ? p->n - panel * panel_width : panel_width;
      for (int i0 = 0; i0 < p->m; i0 += block_rows) {
        const float *a = p->a + (size_t)i0 * p->lda + k0;
        float *c = p->c + (size_t)i0 * p->ldc + panel * panel_width;
        switch (p->m - i0 < block_rows ? p->m - i0 : block_rows) {
          case 6: micro_tile(6, depth, a, p->lda, b, beta, c, p->ldc, columns); break;
          case 5: micro_tile(5, depth, a, p->lda, b, beta, c, p->ldc, columns); break;
          case 4: micro_tile(4, depth, a, p->lda, b, beta, c, p->ldc, columns); break;
          case 3: micro_tile(3, depth, a, p->lda, b, beta, c, p->ldc, columns); break;
          case 2: micro_tile(2, depth, a, p->lda, b, beta, c, p->ldc, columns); break;
          default: micro_tile(1, depth, a, p->lda, b, beta, c, p->ldc, columns); break;
        }
      }
    }
  }
}

/// C[rows, columns] (rows ≤ 8, columns ≤ 32) = A block · (panel, next panel) over `depth` k, plus
/// beta · C; `both` is 0 when only the first panel exists. `rows` and `both` are constants at each
/// call site, so the loops unroll into registers.
static inline __attribute__((always_inline)) AVX512 void wide_micro_tile(
    int rows, int both, int depth, const float *a, int lda, const float *panel, const float *next, float beta,
    float *c, int ldc, int columns) {
  __m512 left[wide_block_rows], right[wide_block_rows];
  for (int i = 0; i < wide_block_rows; i++) left[i] = right[i] = _mm512_setzero_ps();
  for (int kk = 0; kk < depth; kk++) {
    __m512 b0 = _mm512_loadu_ps(panel + kk * panel_width);
    __m512 b1 = both ? _mm512_loadu_ps(next + kk * panel_width) : _mm512_setzero_ps();
    for (int i = 0; i < rows; i++) {
      __m512 value = _mm512_set1_ps(a[(size_t)i * lda + kk]);
      left[i] = _mm512_fmadd_ps(value, b0, left[i]);
      if (both) right[i] = _mm512_fmadd_ps(value, b1, right[i]);
    }
  }
  // Masks for the columns that exist: C past n is neither read nor written.
  __mmask16 left_mask = columns >= panel_width ? 0xFFFF : (__mmask16)((1u << columns) - 1);
  int right_columns = columns - panel_width;
  __mmask16 right_mask = right_columns >= panel_width ? 0xFFFF
                         : right_columns > 0          ? (__mmask16)((1u << right_columns) - 1)
                                                      : 0;
  __m512 scale = _mm512_set1_ps(beta);
  for (int i = 0; i < rows; i++) {
    float *row = c + (size_t)i * ldc;
    if (beta != 0) left[i] = _mm512_fmadd_ps(scale, _mm512_maskz_loadu_ps(left_mask, row), left[i]);
    _mm512_mask_storeu_ps(row, left_mask, left[i]);
    if (both) {
      if (beta != 0) right[i] = _mm512_fmadd_ps(scale, _mm512_maskz_loadu_ps(right_mask, row + panel_width), right[i]);
      _mm512_mask_storeu_ps(row + panel_width, right_mask, right[i]);
    }
  }
}

/// The AVX-512 counterpart of `multiply_panels`: threads split pairs of panels.
static AVX512 void multiply_panel_pairs(void *context, int part, int parts) {
  const product *p = context;
  int panels = (p->n + panel_width - 1) / panel_width, pairs = (panels + 1) / 2;
  int first = (int)((long)pairs * part / parts), last = (int)((long)pairs * (part + 1) / parts);
  for (int k0 = 0; k0 < p->k; k0 += k_slice) {
    int depth = p->k - k0 < k_slice ? p->k - k0 : k_slice;
    float beta = k0 == 0 ? p->beta : 1;  // later slices add to what the first one stored
    for (int pair = first; pair < last; pair++) {
      int panel = 2 * pair, both = panel + 1 < panels;
      const float *b = p->packed + ((size_t)panel * p->k + k0) * panel_width;
      const float *next = b + (size_t)p->k * panel_width;  // the same k slice of the next panel
      int columns = p->n - panel * panel_width < 2 * panel_width ? p->n - panel * panel_width : 2 * panel_width;
      for (int i0 = 0; i0 < p->m; i0 += wide_block_rows) {
        const float *a = p->a + (size_t)i0 * p->lda + k0;
        float *c = p->c + (size_t)i0 * p->ldc + panel * panel_width;
        int rows = p->m - i0 < wide_block_rows ? p->m - i0 : wide_block_rows;
#define TILE(r)                                                                                 \
  case r:                                                                                       \
    if (both) wide_micro_tile(r, 1, depth, a, p->lda, b, next, beta, c, p->ldc, columns);       \
    else wide_micro_tile(r, 0, depth, a, p->lda, b, next, beta, c, p->ldc, columns);            \
    break;
        switch (rows) { TILE(8) TILE(7) TILE(6) TILE(5) TILE(4) TILE(3) TILE(2) default: TILE(1) }
#undef TILE
      }
    }
  }
}

/// 1 while products take the AVX-512 kernel; starts at whether the processor has it.
static atomic_int wide_kernel = -1;

static int has_avx512(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}

int rk_packed_use_avx512(int enabled) {
  atomic_store(&wide_kernel, enabled && has_avx512());
  return atomic_load(&wide_kernel);
}

static int uses_avx512(void) {
  int wide = atomic_load_explicit(&wide_kernel, memory_order_relaxed);
  return wide >= 0 ? wide : rk_packed_use_avx512(1);
}

void rk_gemm_packed(int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc) {
  if (m <= 0 || n <= 0) return;
  if (k == 0) {
    // An empty product: C = beta · C (and C is not read when beta is 0).
    for (int i = 0; i < m; i++)
      for (int j = 0; j < n; j++) c[(size_t)i * ldc + j] = beta == 0 ? 0 : beta * c[(size_t)i * ldc + j];
    return;
  }
  int wide = uses_avx512();
  product job = {m, n, k, a, lda, packed, beta, c, ldc};
  int panels = (n + panel_width - 1) / panel_width, units = wide ? (panels + 1) / 2 : panels;
  int parts = (long)m * n * k < threaded_work ? 1 : rk_thread_count();
  if (parts > units) parts = units;
  rk_parallel_for(parts, wide ? multiply_panel_pairs : multiply_panels, &job);
}

#else

int rk_packed_gemm_available(void) { return 0; }

int rk_packed_use_avx512(int enabled) { return 0; }

void rk_gemm_packed(int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc) {
  abort();  // callers check rk_packed_gemm_available() first
}

#endif


