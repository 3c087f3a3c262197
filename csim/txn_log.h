// Translation logs (--txn-log, --txn-log-json, and a failure's logs): one text line (with the
// walk) and one JSON object per translation (docs/debugging.md).
#pragma once
#include <cstdio>
#include <string>

#include "mmu_model.h"

class TxnLog {
public:
    ~TxnLog() { close(); }
    // Opens the files named (either may be empty); false + err on failure.
    bool open(const std::string &text, const std::string &json, const std::string &what,
              std::string &err);
    bool active() const { return text_ || json_; }
    void write(const mmu_txn_t &t, bool in_flight = false);
    void close();

private:
    FILE *text_ = nullptr;
    FILE *json_ = nullptr;
};
