/* Trace reading (lackey and text, os_trace.h), the next-use table that OPT needs, and the replay
 * of a trace through the OS model. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os_internal.h"
#include "os_trace.h"

#define LINE_MAX_CHARS 4096
#define MAX_ACCESS_SIZE OS_PAGE_SIZE

const char *os_trace_format_name(os_trace_format_e f)
{
    return f == OS_TRACE_LACKEY ? "lackey" : f == OS_TRACE_TEXT ? "text" : "auto";
}

typedef struct {
    const char *path;
    unsigned line;
    char *err;
    size_t err_len;
} reader_t;

static int bad_line(reader_t *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int bad_line(reader_t *r, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->err_len, "%s:%u: %s", r->path, r->line, msg);
    return 1;
}

static int push(os_trace_t *t, os_trace_rec_t rec)
{
    if (t->n == t->cap) {
        const size_t cap = t->cap ? 2 * t->cap : 4096;
        os_trace_rec_t *n = realloc(t->rec, cap * sizeof *n);
        if (!n)
            return 1;
        t->rec = n;
        t->cap = cap;
    }
    t->rec[t->n++] = rec;
    if (rec.op == OS_OP_ACCESS)
        t->accesses++;
    return 0;
}

/* Hex digits (with an optional 0x if allow_prefix) into *v; the end in *end. 0 if fine, else a
 * problem: 1 not hex, 2 more than 64 bits. */
static int parse_hex(const char *s, bool allow_prefix, uint64_t *v, const char **end)
{
    if (allow_prefix && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (!isxdigit((unsigned char)*s))
        return 1;
    uint64_t x = 0;
    unsigned digits = 0;
    while (*s == '0')
        s++;
    for (; isxdigit((unsigned char)*s); s++) {
        if (++digits > 16)
            return 2;
        const int c = tolower((unsigned char)*s);
        x = x << 4 | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    *v = x;
    *end = s;
    return 0;
}

static int push_access(os_trace_t *t, reader_t *r, int pid, unsigned acc, uint64_t va, uint64_t size)
{
    const os_trace_rec_t rec = {va, pid, 0, r->line, OS_OP_ACCESS, (uint8_t)acc};
    if (push(t, rec))
        return bad_line(r, "out of host memory");
    const uint64_t offset = va & (OS_PAGE_SIZE - 1);
    if (offset + size > OS_PAGE_SIZE) { /* the bytes beyond the page are an access of their own */
        os_trace_rec_t next = rec;
        next.va = (va | (OS_PAGE_SIZE - 1)) + 1;
        if (push(t, next))
            return bad_line(r, "out of host memory");
    }
    return 0;
}

static int lackey_line(os_trace_t *t, reader_t *r, const char *s)
{
    unsigned acc;
    if (s[0] == 'I' && s[1] == ' ')
        acc = MMU_ACC_FETCH;
    else if (s[0] == ' ' && s[2] == ' ' && (s[1] == 'L' || s[1] == 'S' || s[1] == 'M'))
        acc = s[1] == 'L' ? MMU_ACC_LOAD : MMU_ACC_STORE;
    else
        return bad_line(r, "not a lackey line: expected \"I  ADDR,SIZE\" or \" L|S|M ADDR,SIZE\"");
    s += 2;
    while (*s == ' ')
        s++;
    uint64_t va;
    const char *end;
    const int rc = parse_hex(s, false, &va, &end);
    if (rc == 2)
        return bad_line(r, "address has more than 64 bits");
    if (rc)
        return bad_line(r, "address is not hex digits");
    if (*end != ',')
        return bad_line(r, "expected ',SIZE' after the address");
    s = end + 1;
    if (!isdigit((unsigned char)*s))
        return bad_line(r, "size is not a decimal number");
    uint64_t size = 0;
    for (; isdigit((unsigned char)*s) && size <= MAX_ACCESS_SIZE; s++)
        size = size * 10 + (uint64_t)(*s - '0');
    if (size < 1 || size > MAX_ACCESS_SIZE)
        return bad_line(r, "size must be 1..%u bytes", MAX_ACCESS_SIZE);
    while (*s == ' ')
        s++;
    if (*s)
        return bad_line(r, "unexpected text after the size");
    return push_access(t, r, 0, acc, va, size);
}

static int parse_pid(reader_t *r, const char *tok, const char *what, int32_t *pid)
{
    char *end;
    errno = 0;
    const long v = strtol(tok, &end, 10);
    if (!isdigit((unsigned char)tok[0]) || *end || errno || v > INT32_MAX)
        return bad_line(r, "%s '%s' is not a number 0..2147483647", what, tok);
    *pid = (int32_t)v;
    return 0;
}

static int text_line(os_trace_t *t, reader_t *r, char *s)
{
    char *hash = strchr(s, '#');
    if (hash)
        *hash = 0;
    char *tok[4];
    unsigned n = 0;
    for (char *p = strtok(s, " \t"); p && n < 4; p = strtok(NULL, " \t"))
        tok[n++] = p;
    if (n == 0)
        return 0;
    int32_t pid = 0;
    if (parse_pid(r, tok[0], "pid", &pid))
        return 1;
    if (n < 2)
        return bad_line(r, "missing the access type: expected \"PID ACC VADDR\"");
    if (!strcmp(tok[1], "exit")) {
        if (n > 2)
            return bad_line(r, "unexpected '%s' after exit", tok[2]);
        return push(t, (os_trace_rec_t){0, pid, 0, r->line, OS_OP_EXIT, 0}) ? bad_line(r, "out of host memory") : 0;
    }
    if (!strcmp(tok[1], "fork")) {
        int32_t child = 0;
        if (n < 3)
            return bad_line(r, "fork needs the child's pid: \"PID fork CHILD\"");
        if (parse_pid(r, tok[2], "child pid", &child))
            return 1;
        if (n > 3)
            return bad_line(r, "unexpected '%s' after the child's pid", tok[3]);
        return push(t, (os_trace_rec_t){0, pid, child, r->line, OS_OP_FORK, 0}) ? bad_line(r, "out of host memory") : 0;
    }
    const int acc = mmu_acc_from_name(tok[1]);
    if (acc < 0)
        return bad_line(r, "unknown access '%s' (load, store, fetch, fork or exit)", tok[1]);
    if (n < 3)
        return bad_line(r, "missing the address: expected \"PID ACC VADDR\"");
    uint64_t va;
    const char *end;
    const int rc = parse_hex(tok[2], true, &va, &end);
    if (rc == 2)
        return bad_line(r, "address '%s' has more than 64 bits", tok[2]);
    if (rc || *end)
        return bad_line(r, "address '%s' is not a hex number", tok[2]);
    if (n > 3)
        return bad_line(r, "unexpected '%s' after the address", tok[3]);
    return push_access(t, r, pid, (unsigned)acc, va, 1);
}

static bool looks_like_lackey(const char *s)
{
    return !strncmp(s, "==", 2) || (s[0] == 'I' && s[1] == ' ') ||
           (s[0] == ' ' && (s[1] == 'L' || s[1] == 'S' || s[1] == 'M') && s[2] == ' ');
}

static bool blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == 0;
}

int os_trace_read(const char *path, os_trace_format_e format, uint64_t max_accesses, os_trace_t *t,
                  char *err, size_t err_len)
{
    memset(t, 0, sizeof *t);
    reader_t r = {path, 0, err, err_len};
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_len, "%s: cannot open: %s", path, strerror(errno));
        return 1;
    }
    char buf[LINE_MAX_CHARS + 2];
    int rc = 0;
    while (!rc && fgets(buf, sizeof buf, f)) {
        r.line++;
        size_t len = strlen(buf);
        if (len == sizeof buf - 1 && buf[len - 1] != '\n') {
            rc = bad_line(&r, "line longer than %d characters", LINE_MAX_CHARS);
            break;
        }
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = 0;
        for (size_t i = 0; i < len; i++)
            if (iscntrl((unsigned char)buf[i]) && buf[i] != '\t') {
                rc = bad_line(&r, "control character 0x%02x in column %zu", (unsigned char)buf[i], i + 1);
                break;
            }
        if (rc)
            break;
        if (format == OS_TRACE_AUTO && !blank(buf) && buf[strspn(buf, " \t")] != '#')
            format = looks_like_lackey(buf) ? OS_TRACE_LACKEY : OS_TRACE_TEXT;
        if (format == OS_TRACE_LACKEY) {
            if (!strncmp(buf, "==", 2) || len == 0)
                continue;
            rc = lackey_line(t, &r, buf);
        } else if (format == OS_TRACE_TEXT) {
            rc = text_line(t, &r, buf);
        }
        if (!rc && max_accesses && t->accesses >= max_accesses) {
            t->truncated = 1;
            break;
        }
    }
    if (!rc && ferror(f)) {
        snprintf(err, err_len, "%s: read error: %s", path, strerror(errno));
        rc = 1;
    }
    fclose(f);
    t->format = format;
    if (!rc && t->accesses == 0) {
        snprintf(err, err_len, "%s: no accesses in the trace", path);
        rc = 1;
    }
    if (rc)
        os_trace_free(t);
    return rc;
}

void os_trace_free(os_trace_t *t)
{
    free(t->rec);
    t->rec = NULL;
    t->n = t->cap = 0;
}

/* ---- next use: one backward pass with a hash map (pid, page) -> latest ordinal seen ---- */

typedef struct {
    uint64_t page; /* vpn + 1: 0 is an empty slot */
    int32_t pid;
    uint64_t ordinal;
} use_slot_t;

static uint64_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    return k;
}

static use_slot_t *lookup_slot(use_slot_t *tab, uint64_t cap, uint64_t page, int32_t pid)
{
    uint64_t i = mix(page * 31 + (uint32_t)pid) & (cap - 1);
    while (tab[i].page && (tab[i].page != page || tab[i].pid != pid))
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

uint64_t *os_trace_next_use(const os_trace_t *t)
{
    uint64_t *next = malloc((t->n ? t->n : 1) * sizeof *next);
    uint64_t cap = 1024, used = 0;
    use_slot_t *tab = calloc(cap, sizeof *tab);
    if (!next || !tab) {
        free(next);
        free(tab);
        return NULL;
    }
    uint64_t ordinal = t->accesses;
    for (size_t i = t->n; i-- > 0;) {
        const os_trace_rec_t *rec = &t->rec[i];
        next[i] = OS_NO_NEXT_USE;
        if (rec->op != OS_OP_ACCESS)
            continue;
        ordinal--;
        const uint64_t page = (rec->va >> OS_PAGE_SHIFT) + 1;
        use_slot_t *s = lookup_slot(tab, cap, page, rec->pid);
        if (s->page) {
            next[i] = s->ordinal;
        } else {
            s->page = page;
            s->pid = rec->pid;
            if (2 * ++used > cap) {
                use_slot_t *bigger = calloc(2 * cap, sizeof *bigger);
                if (!bigger) {
                    free(next);
                    free(tab);
                    return NULL;
                }
                for (uint64_t j = 0; j < cap; j++)
                    if (tab[j].page)
                        *lookup_slot(bigger, 2 * cap, tab[j].page, tab[j].pid) = tab[j];
                free(tab);
                tab = bigger;
                cap *= 2;
                s = lookup_slot(tab, cap, page, rec->pid);
            }
        }
        s->ordinal = ordinal;
    }
    free(tab);
    return next;
}

/* ---- replay ---- */

int os_replay(const os_trace_t *t, const uint64_t *next_use, const os_config_t *cfg, const char *path,
              os_stats_t *stats, uint64_t *processes, char *err, size_t err_len)
{
    os_model_t *os = os_create(cfg, err, err_len);
    if (!os)
        return OS_ERR_CONFIG;
    uint64_t procs = 0;
    int rc = OS_OK;
    for (size_t i = 0; i < t->n && !rc; i++) {
        const os_trace_rec_t *rec = &t->rec[i];
        if (rec->op != OS_OP_EXIT && !os_has_process(os, rec->pid)) {
            rc = os_spawn(os, rec->pid);
            procs++;
        }
        if (!rc && rec->op == OS_OP_ACCESS)
            rc = os_access(os, rec->pid, rec->acc, rec->va, next_use ? next_use[i] : OS_NO_NEXT_USE, NULL);
        else if (!rc && rec->op == OS_OP_FORK)
            rc = os_fork(os, rec->pid, rec->child);
        else if (!rc)
            rc = os_exit(os, rec->pid);
        procs += !rc && rec->op == OS_OP_FORK;
        if (rc)
            snprintf(err, err_len, "%s:%u: %s", path, rec->line, os_error(os));
    }
    if (stats)
        os_stats(os, stats);
    if (processes)
        *processes = procs;
    os_destroy(os);
    return rc;
}
