/* Memory traces for the OS model, and their replay through it.
 *
 * Two formats, one access a line:
 *   lackey  `valgrind --tool=lackey --trace-mem=yes --log-file=F prog`: "I  ADDR,SIZE" (fetch),
 *           " L ADDR,SIZE" (load), " S ADDR,SIZE" (store), " M ADDR,SIZE" (modify: one store
 *           translation, which also covers the read), ADDR in hex; valgrind's own "==PID==" lines
 *           are skipped. An access that crosses a page boundary is two accesses.
 *   text    "PID ACC VADDR": ACC load, store or fetch, VADDR in hex (0x optional), e.g.
 *           "1 load 0x4000"; two process events as well: "PID fork CHILD" and "PID exit".
 *           '#' starts a comment; blank lines are skipped.
 * A bad line is an error naming the file, the line and the problem. */
#ifndef OS_TRACE_H
#define OS_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "os_model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { OS_TRACE_AUTO, OS_TRACE_LACKEY, OS_TRACE_TEXT } os_trace_format_e;
enum { OS_OP_ACCESS, OS_OP_FORK, OS_OP_EXIT };

typedef struct {
    uint64_t va;
    int32_t pid;
    int32_t child; /* fork */
    uint32_t line;
    uint8_t op;  /* OS_OP_* */
    uint8_t acc; /* MMU_ACC_* */
} os_trace_rec_t;

typedef struct {
    os_trace_rec_t *rec;
    size_t n, cap;
    uint64_t accesses;
    os_trace_format_e format; /* as detected */
    int truncated;            /* max_accesses stopped the reading */
} os_trace_t;

/* Reads path (max_accesses > 0: stop after that many accesses). 0 on success; otherwise the
 * message in err is "PATH:LINE: problem" (or "PATH: problem"). */
int os_trace_read(const char *path, os_trace_format_e format, uint64_t max_accesses, os_trace_t *t,
                  char *err, size_t err_len);
void os_trace_free(os_trace_t *t);
const char *os_trace_format_name(os_trace_format_e f);

/* For each record that is an access: the ordinal (among accesses) of the same process's next
 * access to the same 4 KiB page, OS_NO_NEXT_USE if none: what OPT needs. NULL if out of memory;
 * free() it. */
uint64_t *os_trace_next_use(const os_trace_t *t);

/* Replays the trace through a new OS model: a pid's first access spawns it. 0 on success, else
 * the os_model.h status, with "PATH:LINE: problem" in err. stats may be NULL. */
int os_replay(const os_trace_t *t, const uint64_t *next_use, const os_config_t *cfg, const char *path,
              os_stats_t *stats, uint64_t *processes, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif
#endif
