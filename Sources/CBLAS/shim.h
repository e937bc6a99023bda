// OpenBLAS's C interface (Debian: libopenblas-dev puts cblas.h on the default include path).
#include <cblas.h>
// Lets the app give the UI thread its own core while training runs.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
