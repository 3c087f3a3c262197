/* An outside program built against an installed copy of the model (make install PREFIX=...),
 * with nothing but `pkg-config --cflags --libs mmumodel`: runs a real Sv39 translation with an
 * A/D write and a fault, and checks the physical address, the PTE accesses and the names.
 * Exit 0 and "install-program: N passed, 0 failed" when everything matches. */
#include <mmu_model.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define NWORDS 8
typedef struct {
    uint64_t addr[NWORDS], val[NWORDS];
    unsigned n, writes;
} memory_t;

static uint64_t *word(memory_t *m, uint64_t addr, int create)
{
    for (unsigned i = 0; i < m->n; i++)
        if (m->addr[i] == addr)
            return &m->val[i];
    if (!create || m->n == NWORDS)
        return NULL;
    m->addr[m->n] = addr;
    m->val[m->n] = 0;
    return &m->val[m->n++];
}

static bool mem_read(void *user, uint64_t addr, unsigned size, uint64_t *data)
{
    (void)size;
    uint64_t *w = word(user, addr, 0);
    *data = w ? *w : 0;
    return true;
}

static bool mem_write(void *user, uint64_t addr, unsigned size, uint64_t data)
{
    (void)size;
    memory_t *m = user;
    m->writes++;
    *word(m, addr, 1) = data;
    return true;
}

static unsigned passed, failed;
static void check(int ok, const char *what)
{
    printf("%s  %s\n", ok ? "PASS" : "FAIL", what);
    if (ok)
        passed++;
    else
        failed++;
}

int main(void)
{
    char err[200];
    mmu_config_t cfg = {16, 16};
    mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
    check(m != NULL, "mmu_create(16 entries, 16 ASID bits)");
    if (!m)
        return 1;
    mmu_config_t bad = {12, 16};
    check(mmu_create(&bad, err, sizeof err) == NULL && strstr(err, "tlb_entries") != NULL,
          "mmu_create refuses 12 entries with a message");

    /* Sv39: root 0x80000, VA 0x40403abc -> VPN 1/2/3 -> leaf PPN 0x12345 (R W A, D clear) */
    const uint64_t root = 0x80000, l1 = 0x80001, l0 = 0x80002, va = 0x40403abcULL;
    memory_t mem = {0};
    *word(&mem, (root << 12) + 1 * 8, 1) = (l1 << 10) | 0x01;
    *word(&mem, (l1 << 12) + 2 * 8, 1) = (l0 << 10) | 0x01;
    const uint64_t leaf_addr = (l0 << 12) + 3 * 8, leaf = (0x12345ULL << 10) | 0x47; /* V R W A */
    *word(&mem, leaf_addr, 1) = leaf;
    mmu_memory_t port = {mem_read, mem_write, &mem};

    mmu_csr_write(m, MMU_CSR_SATP, (8ULL << 60) | (5ULL << 44) | root);
    mmu_csr_write(m, MMU_CSR_STATUS, 1); /* HWAD: the walker sets A/D */
    mmu_result_t r;
    bool ok = mmu_translate(m, va, MMU_ACC_STORE, MMU_PRIV_S, &port, &r);
    printf("      store %#" PRIx64 " -> pa %#" PRIx64 " cause %s, %u accesses\n", va, r.paddr,
           mmu_cause_name(r.cause), r.n_access);
    check(ok && !r.fault && r.paddr == 0x12345abcULL, "Sv39 store: PA 0x12345abc");
    check(r.n_access == 4 && r.access[3].write && r.access[3].addr == leaf_addr &&
              r.access[3].value == (leaf | 0x80),
          "the walk reads 3 PTEs and writes the leaf with D set");
    check(mem.writes == 1 && *word(&mem, leaf_addr, 0) == (leaf | 0x80), "memory holds the new PTE");
    ok = mmu_translate(m, va + 4, MMU_ACC_LOAD, MMU_PRIV_S, &port, &r);
    check(ok && r.hit && r.paddr == 0x12345ac0ULL && r.n_access == 0, "second access: a TLB hit");
    ok = mmu_translate(m, 1ULL << 45, MMU_ACC_STORE, MMU_PRIV_S, &port, &r);
    check(ok && r.fault && r.cause == MMU_CAUSE_VA_RANGE && r.exc == MMU_EXC_STORE_PAGE &&
              strcmp(mmu_cause_name(r.cause), "VA_RANGE") == 0,
          "non-canonical VA: VA_RANGE, store page fault (15)");
    check(mmu_csr_read(m, MMU_CSR_HITS) == 1 && mmu_csr_read(m, MMU_CSR_AD_WRITES) == 1,
          "counters HITS=1 AD_WRITES=1");
    mmu_destroy(m);
    printf("install-program: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
