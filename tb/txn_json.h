// The transaction record: one translation as one line of JSON, the one format every JSON the kit
// writes about translations uses (build/mmusim --json, the lockstep's --txn-log-json and failure
// .txn.jsonl, the SystemC harness's --txn-log-json, the DPI-C scoreboard's log, the Python
// binding's Txn.to_dict). Its fields are defined once, in docs/txn.schema.json (described in
// docs/txn-schema.md); every record carries "schema": kTxnSchema, its version.
#pragma once
#include <cstdint>
#include <string>

#include "mmu_model.h"

constexpr const char kTxnSchema[] = "mmu-txn/1";

// One translation as one JSON object (no newline). in_flight: accepted and not answered yet (the
// answer fields are null). file: the scenario it came from ("file" field), empty for none.
std::string txn_json(const mmu_txn_t &t, bool in_flight = false, const std::string &file = "");
// The start of any other record of the schema's streams, `{"schema":"mmu-txn/1","type":"TYPE"`:
// the caller appends its fields and the closing brace.
std::string json_record_head(const char *type);
// A JSON string literal: quotes, backslashes and control characters escaped.
std::string json_quote(const std::string &s);

// PTE decoding shared by the JSON record and the text logs (csim/report.h). These apply to the
// modes with Sv PTEs (mmu_pte_mode_ok); the teaching formats have their own layout.
// Flag letters in bit order V R W X U G A D, '-' where clear ("VRW-U-AD").
std::string pte_flags_text(uint64_t pte);
// "leaf", "pointer" or "invalid" (V clear).
const char *pte_kind(uint64_t pte);
// "A", "D", "AD" or "none": the bits the A/D write t.access[i] sets in the PTE the walk read
// from the same address before it.
std::string txn_ad_bits_set(const mmu_txn_t &t, unsigned i);
