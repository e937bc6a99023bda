// Helper threads for the engine's parallel loops: the recurrence's batch bands, split products,
// softmax, Adam, gathers.
//
// A training step hands out a few dozen jobs, many of them tens of microseconds apart, so waking a
// sleeping thread for each (tens of microseconds, more on a virtual machine) would cost as much as
// the split saves. Helpers spin for a while after each job and only then sleep on a condition
// variable; with one thread (the TUI) no helper is ever started.
#if defined(__linux__)
#define _GNU_SOURCE  // SCHED_BATCH, SYS_gettid
#endif
#include "CKernels.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#elif defined(__APPLE__)
#include <pthread/qos.h>
#endif

enum { max_threads = 8 };
/// How long an idle helper spins before it sleeps.
static const long spin_nanoseconds = 500 * 1000;

static rk_job current_job;
static void *current_context;
static int current_parts;
static atomic_ulong job_number;     // bumped to publish a job
static atomic_int parts_finished;   // helpers' parts done for the current job
static atomic_int sleepers;         // helpers waiting on `wake`
static atomic_flag busy = ATOMIC_FLAG_INIT;
static int thread_count, helpers_started;  // thread_count 0: one per online processor
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

static long now_nanoseconds(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000000000L + now.tv_nsec;
}

static inline void cpu_relax(void) {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

/// Waits until `job_number` moves past `seen`: spins, then sleeps.
static void wait_for_job(unsigned long seen) {
  long deadline = now_nanoseconds() + spin_nanoseconds;
  for (int spins = 0; atomic_load(&job_number) == seen; spins++) {
    cpu_relax();
    if ((spins & 1023) != 1023 || now_nanoseconds() < deadline) continue;
    pthread_mutex_lock(&lock);
    atomic_fetch_add(&sleepers, 1);
    // Re-checked after announcing the sleep: a publisher that missed `sleepers` bumped `job_number` first.
    while (atomic_load(&job_number) == seen) pthread_cond_wait(&wake, &lock);
    atomic_fetch_sub(&sleepers, 1);
    pthread_mutex_unlock(&lock);
  }
}

/// The job number each helper was started at: it waits for the next one. Recorded by the thread
/// that starts it: were the new thread to read `job_number` itself, a job published in between
/// would count as seen and never be done.
static unsigned long started_at[max_threads];

static void *helper_main(void *argument) {
  int part = (int)(size_t)argument;
  unsigned long seen = started_at[part];
  for (;;) {
    wait_for_job(seen);
    seen = atomic_load(&job_number);
    if (part < current_parts) current_job(current_context, part, current_parts);
    atomic_fetch_add(&parts_finished, 1);
  }
  return NULL;
}

void rk_set_threads(int count) {
  while (atomic_flag_test_and_set(&busy)) cpu_relax();
  thread_count = count < 1 ? 1 : count > max_threads ? max_threads : count;
  atomic_flag_clear(&busy);
}

int rk_thread_count(void) {
  if (thread_count > 0) return thread_count;
  // Read once: glibc answers _SC_NPROCESSORS_ONLN by opening and reading a sysfs file, and this
  // is asked before every parallel loop.
  static atomic_int online_processors;
  int online = atomic_load_explicit(&online_processors, memory_order_relaxed);
  if (online == 0) {
    long detected = sysconf(_SC_NPROCESSORS_ONLN);
    online = detected < 1 ? 1 : detected > max_threads ? max_threads : (int)detected;
    atomic_store_explicit(&online_processors, online, memory_order_relaxed);
  }
  return online;
}

void rk_parallel_for(int parts, rk_job job, void *context) {
  if (parts <= 1 || atomic_flag_test_and_set(&busy)) {
    for (int part = 0; part < parts; part++) job(context, part, parts);
    return;
  }
  if (parts > rk_thread_count()) parts = rk_thread_count();
  // Helpers are started lazily and never stopped; a helper above `thread_count` skips its part.
  for (; helpers_started < parts - 1; helpers_started++) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    started_at[helpers_started + 1] = atomic_load(&job_number);
    if (pthread_create(&thread, &attributes, helper_main, (void *)(size_t)(helpers_started + 1)) != 0) {
      pthread_attr_destroy(&attributes);
      break;
    }
    pthread_attr_destroy(&attributes);
  }
  if (parts > helpers_started + 1) parts = helpers_started + 1;
  current_job = job;
  current_context = context;
  current_parts = parts;
  atomic_store(&parts_finished, 0);
  atomic_fetch_add(&job_number, 1);
  if (atomic_load(&sleepers) > 0) {
    pthread_mutex_lock(&lock);
    pthread_cond_broadcast(&wake);
    pthread_mutex_unlock(&lock);
  }
  job(context, 0, parts);
  while (atomic_load(&parts_finished) < helpers_started) cpu_relax();
  atomic_flag_clear(&busy);
}

void rk_make_background_thread(void) {
#if defined(__linux__)
  // SCHED_BATCH: waking up does not preempt a running thread; nice 10: a thread at the default
  // priority sharing its core gets about nine tenths of it.
  struct sched_param param = {0};
  pthread_setschedparam(pthread_self(), SCHED_BATCH, &param);
  setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#elif defined(__APPLE__)
  pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0);
#endif
}
