/* qsort of N seeded random ints, traced under valgrind for the paging studies
 * (docs/studies.md): divide and conquer, so the working set shrinks as the partitions do.
 * Usage: sort N. Prints whether the result is sorted and its first and last element. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int compare_ints(const void *a, const void *b)
{
    const int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sort N\n");
        return 2;
    }
    const unsigned n = (unsigned)strtoul(argv[1], NULL, 10);
    if (n == 0 || n > (1u << 26)) {
        fprintf(stderr, "sort: N must be 1..67108864\n");
        return 2;
    }
    int *v = malloc(sizeof(int) * n);
    if (!v) {
        fprintf(stderr, "sort: out of memory\n");
        return 1;
    }
    uint32_t x = 2463534242u; /* xorshift32: the same input on every machine */
    for (unsigned i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v[i] = (int)(x % 1000000u);
    }
    qsort(v, n, sizeof(int), compare_ints);
    int sorted = 1;
    for (unsigned i = 1; i < n; i++)
        sorted &= v[i - 1] <= v[i];
    printf("%s %d %d\n", sorted ? "sorted" : "NOT SORTED", v[0], v[n - 1]);
    free(v);
    return !sorted;
}
