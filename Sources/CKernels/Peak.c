// The processor's floating-point peak, found by an FMA loop: what the benchmark's GFLOP/s are a share of.
//
// Each thread runs twelve independent chains of fused multiply-adds on full-width vectors (enough
// to cover the FMA units' latency × throughput), with nothing to load or store, so the loop runs
// at the rate the FMA units allow, at the clock the processor holds under that load.
#include "CKernels.h"

#include <time.h>

enum { chains = 12 };

typedef struct {
  long iterations;
  int lanes;           // floats per vector the loop ran on
  float sink[64];      // one slot per part, so the compiler keeps the arithmetic
} peak_job;

static double seconds(int cpu_time) {
  struct timespec now;
  clock_gettime(cpu_time ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &now);
  return now.tv_sec + now.tv_nsec * 1e-9;
}

#if defined(__x86_64__)
#include <immintrin.h>

static __attribute__((target("avx512f"))) void chains_512(void *context, int part, int parts) {
  peak_job *job = context;
  __m512 sums[chains], scale = _mm512_set1_ps(0.9999999f), shift = _mm512_set1_ps(1e-7f);
  for (int i = 0; i < chains; i++) sums[i] = _mm512_set1_ps((float)i);
  for (long n = 0; n < job->iterations; n++)
    for (int i = 0; i < chains; i++) sums[i] = _mm512_fmadd_ps(sums[i], scale, shift);
  for (int i = 1; i < chains; i++) sums[0] = _mm512_add_ps(sums[0], sums[i]);
  job->sink[part % 64] = _mm512_reduce_add_ps(sums[0]);
}

static __attribute__((target("avx2,fma"))) void chains_256(void *context, int part, int parts) {
  peak_job *job = context;
  __m256 sums[chains], scale = _mm256_set1_ps(0.9999999f), shift = _mm256_set1_ps(1e-7f);
  for (int i = 0; i < chains; i++) sums[i] = _mm256_set1_ps((float)i);
  for (long n = 0; n < job->iterations; n++)
    for (int i = 0; i < chains; i++) sums[i] = _mm256_fmadd_ps(sums[i], scale, shift);
  for (int i = 1; i < chains; i++) sums[0] = _mm256_add_ps(sums[0], sums[i]);
  float lanes[8];
  _mm256_storeu_ps(lanes, sums[0]);
  job->sink[part % 64] = lanes[0] + lanes[7];
}

double rk_peak_gflops(int threads, long iterations, int cpu_time) {
  __builtin_cpu_init();
  int wide = __builtin_cpu_supports("avx512f");
  if (!wide && !(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) return 0;
  peak_job job = {.iterations = iterations, .lanes = wide ? 16 : 8};
  double start = seconds(cpu_time);
  rk_parallel_for(threads, wide ? chains_512 : chains_256, &job);
  double elapsed = seconds(cpu_time) - start;
  return 2.0 * chains * job.lanes * (double)iterations * threads / elapsed / 1e9;
}

#else

double rk_peak_gflops(int threads, long iterations, int cpu_time) { return 0; }

#endif
