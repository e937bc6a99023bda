// OpenBLAS, opened at run time so that its choice of kernels can be made for it first.
//
// OpenBLAS picks its kernels once, while it loads, from OPENBLAS_CORETYPE or else from the
// processor's model number. Debian 12's OpenBLAS 0.3.21 does not know the newer Xeons (Sapphire
// and Emerald Rapids) and falls back to its Prescott kernels, SSE3 only, far behind its SkylakeX
// (AVX-512) kernels there.
// Linked the usual way, the library would have loaded and chosen before any of rnnscope's code
// ran; opened here, it first gets OPENBLAS_CORETYPE from the processor's features when nobody
// has set it.
#include "CKernels.h"

#if defined(__linux__)
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// cblas.h's values: the library's C interface takes them as ints.
enum { row_major = 101, no_transpose = 111, transpose = 112 };

typedef void (*sgemm_function)(
    int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
typedef void (*sgemv_function)(
    int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
typedef void (*set_threads_function)(int);
typedef char *(*core_name_function)(void);

static sgemm_function sgemm;
static sgemv_function sgemv;
static core_name_function core_name;
static const char *load_error;
static char load_message[512];
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

/// The OpenBLAS core this processor's features call for, or NULL to let OpenBLAS decide.
static const char *preferred_core(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
    return "SkylakeX";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
  return NULL;
}

static void load(void) {
  const char *core = preferred_core();
  if (core) setenv("OPENBLAS_CORETYPE", core, 0);  // 0: a value already set wins
  // The engine runs OpenBLAS on one thread (BLAS.swift says why): started with more, its idle
  // workers would spin on sched_yield for a while after loading.
  setenv("OPENBLAS_NUM_THREADS", "1", 0);
  void *library = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
  if (!library) library = dlopen("libopenblas.so", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    snprintf(load_message, sizeof load_message,
             "rnnscope needs OpenBLAS, which did not load (%s). Install it with: sudo apt-get install libopenblas0",
             dlerror());
    load_error = load_message;
    return;
  }
  sgemm = (sgemm_function)dlsym(library, "cblas_sgemm");
  sgemv = (sgemv_function)dlsym(library, "cblas_sgemv");
  core_name = (core_name_function)dlsym(library, "openblas_get_corename");
  set_threads_function set_threads = (set_threads_function)dlsym(library, "openblas_set_num_threads");
  if (!sgemm || !sgemv || !core_name || !set_threads) {
    load_error = "rnnscope: the OpenBLAS that loaded lacks cblas_sgemm, cblas_sgemv or openblas_set_num_threads";
    return;
  }
  // Single-threaded: the engine splits large products over its own pool (see BLAS.swift).
  set_threads(1);
}

const char *rk_blas_load(void) {
  pthread_once(&loaded, load);
  return load_error;
}

/// Stops with the loader's message: a product cannot go on without the library.
static void require_library(void) {
  if (rk_blas_load() == NULL) return;
  fprintf(stderr, "%s\n", load_error);
  abort();
}

const char *rk_blas_core(void) {
  require_library();
  return core_name();
}

void rk_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
              const float *b, int ldb, float beta, float *c, int ldc) {
  require_library();
  sgemm(row_major, trans_a ? transpose : no_transpose, trans_b ? transpose : no_transpose, m, n, k, alpha, a,
        lda, b, ldb, beta, c, ldc);
}

void rk_sgemv(int trans, int m, int n, float alpha, const float *a, int lda, const float *x, float beta,
              float *y) {
  require_library();
  sgemv(row_major, trans ? transpose : no_transpose, m, n, alpha, a, lda, x, 1, beta, y, 1);
}

#endif
