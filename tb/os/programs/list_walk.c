/* A linked-list walk, traced under valgrind for the paging studies (docs/studies.md): NODES nodes
 * of 64 bytes in one array, linked in a seeded random order, so each step of the walk lands on an
 * unrelated node and usually on another page: the pointer chasing that defeats a small TLB.
 * Usage: list_walk NODES PASSES. Prints the sum of the payloads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
    struct node *next;
    uint64_t payload;
    char pad[48]; /* one node per 64-byte cache line */
};

/* xorshift32: the same order on every machine (rand() is libc's choice) */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: list_walk NODES PASSES\n");
        return 2;
    }
    const unsigned nodes = (unsigned)strtoul(argv[1], NULL, 10);
    const unsigned passes = (unsigned)strtoul(argv[2], NULL, 10);
    if (nodes < 2 || nodes > (1u << 24)) {
        fprintf(stderr, "list_walk: NODES must be 2..16777216\n");
        return 2;
    }
    struct node *pool = malloc(sizeof(struct node) * nodes);
    unsigned *order = malloc(sizeof(unsigned) * nodes);
    if (!pool || !order) {
        fprintf(stderr, "list_walk: out of memory\n");
        return 1;
    }
    for (unsigned i = 0; i < nodes; i++)
        order[i] = i;
    uint32_t seed = 12345;
    for (unsigned i = nodes - 1; i > 0; i--) { /* Fisher-Yates */
        const unsigned j = next_random(&seed) % (i + 1);
        const unsigned t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (unsigned i = 0; i < nodes; i++) {
        pool[order[i]].payload = i;
        pool[order[i]].next = i + 1 < nodes ? &pool[order[i + 1]] : NULL;
    }
    free(order);
    uint64_t sum = 0;
    for (unsigned p = 0; p < passes; p++)
        for (const struct node *n = &pool[0]; n; n = n->next)
            sum += n->payload;
    printf("%llu\n", (unsigned long long)sum);
    free(pool);
    return 0;
}
