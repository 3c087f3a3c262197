/* Matrix multiply C = A x B of N x N doubles, traced under valgrind for the paging studies
 * (tb/os/study.sh, docs/studies.md). With BLOCK = 0 the textbook triple loop walks B by columns,
 * one page of B per row step once N x 8 bytes exceeds a page; with BLOCK > 0 it works on
 * BLOCK x BLOCK tiles so each tile's pages are reused while they are still in the TLB.
 * Usage: matmul N [BLOCK]. Prints a checksum so the compiler cannot drop the work. */
#include <stdio.h>
#include <stdlib.h>

static void multiply_naive(unsigned n, const double *a, const double *b, double *c)
{
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = 0; j < n; j++) {
            double sum = 0;
            for (unsigned k = 0; k < n; k++)
                sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
}

static void multiply_blocked(unsigned n, unsigned block, const double *a, const double *b, double *c)
{
    for (unsigned i = 0; i < n * n; i++)
        c[i] = 0;
    for (unsigned ii = 0; ii < n; ii += block)
        for (unsigned kk = 0; kk < n; kk += block)
            for (unsigned jj = 0; jj < n; jj += block)
                for (unsigned i = ii; i < ii + block && i < n; i++)
                    for (unsigned k = kk; k < kk + block && k < n; k++) {
                        const double aik = a[i * n + k];
                        for (unsigned j = jj; j < jj + block && j < n; j++)
                            c[i * n + j] += aik * b[k * n + j];
                    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: matmul N [BLOCK]\n");
        return 2;
    }
    const unsigned n = (unsigned)strtoul(argv[1], NULL, 10);
    const unsigned block = argc == 3 ? (unsigned)strtoul(argv[2], NULL, 10) : 0;
    if (n == 0 || n > 4096) {
        fprintf(stderr, "matmul: N must be 1..4096\n");
        return 2;
    }
    double *a = malloc(sizeof(double) * n * n);
    double *b = malloc(sizeof(double) * n * n);
    double *c = malloc(sizeof(double) * n * n);
    if (!a || !b || !c) {
        fprintf(stderr, "matmul: out of memory\n");
        return 1;
    }
    for (unsigned i = 0; i < n * n; i++) {
        a[i] = (double)(i % 7);
        b[i] = (double)(i % 5);
    }
    if (block)
        multiply_blocked(n, block, a, b, c);
    else
        multiply_naive(n, a, b, c);
    double checksum = 0;
    for (unsigned i = 0; i < n * n; i++)
        checksum += c[i];
    printf("%.0f\n", checksum);
    free(a);
    free(b);
    free(c);
    return 0;
}
