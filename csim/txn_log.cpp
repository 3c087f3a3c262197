// Translation logs (see txn_log.h).
#include "txn_log.h"

#include <cerrno>
#include <cstring>

#include "report.h"

bool TxnLog::open(const std::string &text, const std::string &json, const std::string &what,
                  std::string &err)
{
    if (!text.empty() && !(text_ = std::fopen(text.c_str(), "w"))) {
        err = "cannot write " + text + ": " + std::strerror(errno);
        return false;
    }
    if (!json.empty() && !(json_ = std::fopen(json.c_str(), "w"))) {
        err = "cannot write " + json + ": " + std::strerror(errno);
        return false;
    }
    if (text_)
        std::fprintf(text_,
                     "# mmucosim translation log: %s\n"
                     "# #id cycles ACCEPT..ANSWER (cycles since reset: cosim_cycle in the "
                     "wave), VA, access, privilege, SATP mode, ASID, segmentation;\n"
                     "# HIT[entry] or walk(accesses) with each PTE: level, address, value, "
                     "flags VRWXUGAD, PPN; the answer (PA or fault reason, exception).\n",
                     what.c_str());
    return true;
}

void TxnLog::write(const mmu_txn_t &t, bool in_flight)
{
    if (text_) {
        std::fprintf(text_, "%s\n%s", txn_line(t, in_flight).c_str(),
                     t.n_access ? txn_walk_lines(t, "      ").c_str() : "");
    }
    if (json_)
        std::fprintf(json_, "%s\n", txn_json(t, in_flight).c_str());
}

void TxnLog::close()
{
    if (text_)
        std::fclose(text_);
    if (json_)
        std::fclose(json_);
    text_ = json_ = nullptr;
}
