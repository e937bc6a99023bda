// The k most probable classes of a softmax row, for the trace's predictions.
//
// A trace asks for the top 3 of 256 classes at each of its ~100 steps. Each block of 16 classes
// is first tested against the k-th best so far in one loop the compiler turns into vector
// compares, and read class by class only when something in it is better: on a trained model's
// peaked softmax almost no block is, on an untrained model's flat one about half.
#include "CKernels.h"

#include <math.h>

/// Puts `value` of class `id` in its place among the best so far (best first, ties keep the
/// lower id, which came first), when it beats the k-th of them.
static inline void consider(float value, int id, int k, int *ids, float *best, int *found) {
  int position = *found < k ? (*found)++ : k - 1;
  while (position > 0 && value > best[position - 1]) {
    best[position] = best[position - 1];
    ids[position] = ids[position - 1];
    position--;
  }
  best[position] = value;
  ids[position] = id;
}

int rk_top_k(const float *values, int count, int k, int *ids, float *best) {
  enum { block = 16 };
  int found = 0;
  float threshold = -INFINITY;  // the k-th best so far once k are found
  for (int start = 0; start < count; start += block) {
    int end = start + block < count ? start + block : count;
    int above = 0;
    for (int i = start; i < end; i++) above |= values[i] > threshold;
    if (!above) continue;
    for (int i = start; i < end; i++) {
      if (!(values[i] > threshold)) continue;
      consider(values[i], i, k, ids, best, &found);
      if (found == k) threshold = best[k - 1];
    }
  }
  return found;
}
