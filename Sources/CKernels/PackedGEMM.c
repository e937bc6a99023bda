// C = A · op(B) + beta · C for a small A against a packed B, with AVX2 and FMA.
//
// Layout. op(B) (k, n) is cut into panels of 16 columns; a panel stores its k rows of 16 floats
// one after another (zero-padded past n), so the micro-kernel streams it with two aligned-size
// loads per k. A is copied per call into blocks of 6 rows stored column by column, so the six
// values it broadcasts per k are adjacent. The micro-kernel keeps a 6 × 16 tile of C in twelve
// AVX registers: per k, 2 loads of B, 6 broadcasts of A and 12 FMAs. k is walked in slices
// that keep a panel slice and an A slice in L1 together. Threads split the panels, so each
// element of C is computed by one thread in one fixed order whatever the thread count.
#include "CKernels.h"

#include <stdlib.h>
#include <string.h>

enum {
  panel_width = 16,   // NR: columns of C per micro-tile
  block_rows = 6,     // MR: rows of C per micro-tile
  k_slice = 256,      // 16 + 6 floats × 256 ≈ 22 KB: one panel slice and A slice fit in a 32 KB L1
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

int rk_packed_gemm_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// C[rows, columns] (rows ≤ 6, columns ≤ 16) = A block · panel over `depth` k, plus beta · C.
/// `rows` is a constant at each call site below, so the loops over it unroll into registers.
static inline __attribute__((always_inline)) AVX2_FMA void micro_tile(
    int rows, int depth, const float *a, const float *panel, float beta, float *c, int ldc, int columns) {
  __m256 left[block_rows], right[block_rows];
  for (int i = 0; i < block_rows; i++) left[i] = right[i] = _mm256_setzero_ps();
  for (int kk = 0; kk < depth; kk++) {
    __m256 b0 = _mm256_loadu_ps(panel + kk * panel_width), b1 = _mm256_loadu_ps(panel + kk * panel_width + 8);
    for (int i = 0; i < rows; i++) {
      __m256 value = _mm256_broadcast_ss(a + kk * block_rows + i);
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
  const float *a_blocks;  // A in blocks of 6 rows, column by column
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
        const float *a = p->a_blocks + (size_t)i0 * p->k + (size_t)k0 * block_rows;
        float *c = p->c + (size_t)i0 * p->ldc + panel * panel_width;
        switch (p->m - i0 < block_rows ? p->m - i0 : block_rows) {
          case 6: micro_tile(6, depth, a, b, beta, c, p->ldc, columns); break;
          case 5: micro_tile(5, depth, a, b, beta, c, p->ldc, columns); break;
          case 4: micro_tile(4, depth, a, b, beta, c, p->ldc, columns); break;
          case 3: micro_tile(3, depth, a, b, beta, c, p->ldc, columns); break;
          case 2: micro_tile(2, depth, a, b, beta, c, p->ldc, columns); break;
          default: micro_tile(1, depth, a, b, beta, c, p->ldc, columns); break;
        }
      }
    }
  }
}

/// Copies A (m, k) into blocks of 6 rows stored column by column (the last block zero-padded).
static void pack_rows(int m, int k, const float *a, int lda, float *blocks) {
  for (int i0 = 0; i0 < m; i0 += block_rows) {
    int rows = m - i0 < block_rows ? m - i0 : block_rows;
    float *target = blocks + (size_t)i0 * k;
    for (int kk = 0; kk < k; kk++)
      for (int i = 0; i < block_rows; i++) target[kk * block_rows + i] = i < rows ? a[(size_t)(i0 + i) * lda + kk] : 0;
  }
}

void rk_gemm_packed(
    int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc) {
  if (m <= 0 || n <= 0) return;
  if (k == 0) {
    // An empty product: C = beta · C (and C is not read when beta is 0).
    for (int i = 0; i < m; i++)
      for (int j = 0; j < n; j++) c[(size_t)i * ldc + j] = beta == 0 ? 0 : beta * c[(size_t)i * ldc + j];
    return;
  }
  // Per-thread scratch for the packed rows of A, grown as needed and kept for the next call.
  static _Thread_local float *blocks;
  static _Thread_local size_t capacity;
  size_t needed = (size_t)((m + block_rows - 1) / block_rows) * block_rows * (size_t)k;
  if (needed > capacity) {
    free(blocks);
    blocks = malloc(needed * sizeof(float));
    capacity = blocks ? needed : 0;
    if (!blocks) abort();
  }
  pack_rows(m, k, a, lda, blocks);
  product job = {m, n, k, blocks, packed, beta, c, ldc};
  int panels = (n + panel_width - 1) / panel_width;
  int parts = (long)m * n * k < threaded_work ? 1 : rk_thread_count();
  if (parts > panels) parts = panels;
  rk_parallel_for(parts, multiply_panels, &job);
}

#else

int rk_packed_gemm_available(void) { return 0; }

void rk_gemm_packed(
    int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc) {
  abort();  // callers check rk_packed_gemm_available() first
}

#endif


