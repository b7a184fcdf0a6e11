// Offline bundles: the journal, its checkpoints and its public keys in a
// directory, checked with no database (docs/formats/bundle.md).
//
// write_bundle writes journal.jsonl (every event: its canonical bytes with the
// hash as last member, as `leubank journal --format json`), checkpoints.jsonl and
// keys.jsonl (extracts of the checkpoint.signed and key.published events). It
// refuses a journal whose last event is not a checkpoint: a bundle is signed to
// its end. verify_bundle recomputes the chain, checks every key id, every
// checkpoint's seq, hash and signature, that the journal ends with a checkpoint,
// and that the two extracts are exactly what the journal holds; it stops at the
// first fault and names the file and line.
//
//   LEU_RETURN_IF_ERROR(write_bundle(journal, "out/bundle"));
//   LEU_GET(report, verify_bundle("out/bundle"));
//   if (!report.ok()) std::cerr << report.fault->where << ": " << report.fault->message;
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/journal.hpp"

namespace leu {

struct BundleFault {
  std::string where;  // "journal.jsonl:12", "checkpoints.jsonl:2", "keys.jsonl" ...
  std::string message;
};

struct BundleReport {
  std::int64_t events = 0;       // events checked
  std::int64_t checkpoints = 0;  // signatures verified
  std::vector<std::string> key_ids;
  Head signed_head;       // what the last checkpoint signs
  std::string signed_by;  // its key id
  std::optional<BundleFault> fault;

  bool ok() const { return !fault; }
};

struct BundleWritten {
  std::int64_t events = 0;
  std::int64_t checkpoints = 0;
  std::int64_t keys = 0;
};

// `dir` must not exist or be empty. kConflict when the journal does not end with a checkpoint.
Result<BundleWritten> write_bundle(Journal& journal, const std::string& dir);
// Errors only when `dir` is not a directory; a bad bundle is a report with a
// fault. `expected_public_key` (hex), when not empty, must be the key that signs
// the last checkpoint: the key the inspector obtained by other means.
Result<BundleReport> verify_bundle(const std::string& dir, const std::string& expected_public_key = "");
// The same checks on the three files' contents (verify_bundle reads them).
BundleReport verify_bundle_files(const std::string& journal, const std::string& checkpoints, const std::string& keys,
                                 const std::string& expected_public_key = "");

}  // namespace leu
