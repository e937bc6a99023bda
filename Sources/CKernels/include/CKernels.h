// Matrix kernels for the engine's many small products against a fixed weight, the thread pool
// they and the engine's parallel loops share, OpenBLAS opened at run time, and a peak measurement.
//
// A BLAS call packs its right-hand operand on every call and wakes its threads on every call;
// the recurrence multiplies the same W_hh T times per pass by a (B, H) left-hand side. These
// kernels pack W_hh once per pass and keep one spinning helper thread between the T calls.
// x86-64 with AVX-512, or AVX2 and FMA (checked at run time); elsewhere the engine keeps using BLAS.
#pragma once
#include <stddef.h>

/// 1 when this processor runs the packed kernels (x86-64 with AVX2 and FMA), else 0.
int rk_packed_gemm_available(void);

/// Chooses the AVX-512 micro-kernel (when the processor has it) or the AVX2 one, which compute
/// the same bits; returns 1 when AVX-512 is now in use. Products use AVX-512 wherever it exists
/// unless told otherwise (benchmarks and tests compare the two).
int rk_packed_use_avx512(int enabled);

/// Floats `rk_pack` writes for an op(B) of shape (k, n).
size_t rk_packed_count(int k, int n);

/// Packs op(B) (k, n) — B itself (ldb ≥ n) or, with `transposed`, Bᵀ of a stored (n, k) B — into
/// column panels for `rk_gemm_packed`.
void rk_pack(int transposed, int k, int n, const float *b, int ldb, float *packed);

/// C (m, n) = A (m, k) · op(B) + beta · C, with op(B) packed by `rk_pack`; row-major, C is not
/// read when beta is 0. Uses up to `rk_set_threads` threads for large enough products; the result
/// does not depend on the thread count.
void rk_gemm_packed(int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc);

/// The `k` largest of `values (count)`, largest first, ties to the lower index: their indices in
/// `ids (k)` and values in `best (k)`. Returns how many it found: `k`, or fewer when `count` is
/// smaller or values are NaN or −∞ (never counted).
int rk_top_k(const float *values, int count, int k, int *ids, float *best);

/// Sets how many threads `rk_gemm_packed` and `rk_parallel_for` may use (1…8; by default one per
/// online processor).
void rk_set_threads(int count);

/// Makes the calling thread background work, which takes the time other threads leave: it neither
/// preempts them when it wakes up nor holds its core's time against them.
void rk_make_background_thread(void);

/// How many threads `rk_parallel_for` splits work over.
int rk_thread_count(void);

/// One slice of a job: part `part` of `parts`.
typedef void (*rk_job)(void *context, int part, int parts);

/// Runs job(context, p, parts) for every p in 0..<parts (parts ≤ `rk_thread_count()`), part 0 on
/// the caller and the others on helper threads that spin between closely spaced jobs, and returns
/// when all are done. Runs every part on the caller while another caller's job is running.
void rk_parallel_for(int parts, rk_job job, void *context);

#if defined(__linux__)
// OpenBLAS, opened at first use (OpenBLAS.c says why); row-major, transposes as 0 or 1.

/// Opens OpenBLAS once: NULL when it is ready, else a message saying what is missing.
const char *rk_blas_load(void);

/// The name of the kernels OpenBLAS chose ("SkylakeX", "Haswell", …).
const char *rk_blas_core(void);

/// cblas_sgemm, row-major: C (m, n) = alpha · op(A) · op(B) + beta · C.
void rk_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
              const float *b, int ldb, float beta, float *c, int ldc);

/// cblas_sgemv, row-major, unit strides: y = alpha · op(A) · x + beta · y for A (m, n).
void rk_sgemv(int trans, int m, int n, float alpha, const float *a, int lda, const float *x, float beta,
              float *y);
#endif

/// Single-precision GFLOP/s of `threads` threads (≤ `rk_thread_count()`) each running `iterations`
/// rounds of twelve independent vector FMA chains (AVX-512, else AVX2); 0 without either. With
/// `cpu_time`, timed by the process's CPU time instead of the wall clock (meaningful on one thread).
double rk_peak_gflops(int threads, long iterations, int cpu_time);
