// Writing and checking offline bundles (ledger/bundle.hpp, docs/formats/bundle.md).
#include "ledger/bundle.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "ledger/checkpoint_events.hpp"
#include "ledger/codec.hpp"
#include "ledger/signing.hpp"

namespace leu {
namespace {

namespace fs = std::filesystem;

constexpr const char* kJournalFile = "journal.jsonl";
constexpr const char* kCheckpointsFile = "checkpoints.jsonl";
constexpr const char* kKeysFile = "keys.jsonl";
// A journal line ends with ,"hash":"<64 hex>"}
constexpr std::size_t kHashSuffix = 9 + 64 + 2;

// A payload member that must be a string (or an integer), "" (or -1) when it is not:
// the reader meets arbitrary bytes and must not throw.
std::string str(const Json& payload, const char* member) {
  const auto it = payload.find(member);
  return it != payload.end() && it->is_string() ? it->get<std::string>() : "";
}

std::int64_t integer(const Json& payload, const char* member) {
  const auto it = payload.find(member);
  return it != payload.end() && it->is_number_integer() ? it->get<std::int64_t>() : -1;
}

// The extract lines, shared by the writer and the verifier so that they cannot drift.
Result<std::string> checkpoint_line(std::int64_t event, const Json& payload) {
  LEU_GET(text, canonical_json(Json{{"event", event},
                                    {"seq", integer(payload, "seq")},
                                    {"hash", str(payload, "hash")},
                                    {"key_id", str(payload, "key_id")},
                                    {"signature", str(payload, "signature")}}));
  return text + "\n";
}

Result<std::string> key_line(std::int64_t event, const Json& payload) {
  LEU_GET(text, canonical_json(Json{
                    {"event", event}, {"key_id", str(payload, "key_id")}, {"public_key", str(payload, "public_key")}}));
  return text + "\n";
}

bool lower_hex(std::string_view s, std::size_t digits) {
  if (s.size() != digits) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Result<void> write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  out.flush();
  if (!out) return fail(ErrorCode::kStorage, "bundle", "cannot write '" + p.string() + "'");
  return {};
}

// Where two texts first differ, as a 1-based line number.
std::int64_t first_differing_line(const std::string& a, const std::string& b) {
  std::int64_t line = 1;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) return line;
    if (a[i] == '\n') ++line;
  }
  return line;
}

// Checks journal.jsonl line by line; fills report and the expected extracts.
void check_journal(const std::string& text, BundleReport& report, std::string& checkpoints, std::string& keys) {
  std::map<std::string, std::string> published;  // key id -> public key
  Digest digest = genesis_digest();
  std::string previous_hash, last_type;
  std::size_t pos = 0;
  std::int64_t n = 0;
  const auto fault = [&](std::string message) {
    report.fault = BundleFault{std::string(kJournalFile) + ":" + std::to_string(n), std::move(message)};
  };
  while (pos < text.size()) {
    ++n;
    const std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) return fault("the last line does not end with a newline (the file was cut short)");
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    if (line.size() <= kHashSuffix || line.substr(line.size() - kHashSuffix, 9) != ",\"hash\":\"" ||
        line.substr(line.size() - 2) != "\"}")
      return fault("the line does not end with the event's hash member ,\"hash\":\"<64 hex digits>\"}");
    const std::string hash(line.substr(line.size() - kHashSuffix + 9, 64));
    if (!lower_hex(hash, 64)) return fault("the hash is not 64 lowercase hexadecimal digits");
    const std::string bytes = std::string(line.substr(0, line.size() - kHashSuffix)) + "}";
    const Json event = Json::parse(bytes, nullptr, false);
    if (event.is_discarded() || !event.is_object() || event.size() != 6)
      return fault("the event is not a JSON object of six members (valid UTF-8)");
    StoredEvent e;
    try {
      if (!event.at("seq").is_number_integer() || !event.at("v").is_number_integer())
        throw std::invalid_argument("seq, v");
      e.seq = event.at("seq").get<std::int64_t>();
      e.time = event.at("time").get<std::string>();
      e.actor = event.at("actor").get<std::string>();
      e.type = event.at("type").get<std::string>();
      e.version = event.at("v").get<int>();
      if (!event.at("payload").is_object()) throw std::invalid_argument("payload");
    } catch (const std::exception&) {
      return fault("the event's members seq, time, actor, type, v, payload are missing or of the wrong type");
    }
    if (e.seq != n)
      return fault("event " + std::to_string(n) + " is missing: the line holds event " + std::to_string(e.seq));
    if (!is_readable_format_version(e.version))
      return fault("event " + std::to_string(n) + " has format version " + std::to_string(e.version));
    auto payload = canonical_json(event["payload"]);
    if (!payload) return fault("event " + std::to_string(n) + ": the payload holds a number that is not an integer");
    e.payload = *payload;
    if (canonical_event_bytes(e) != bytes) return fault("event " + std::to_string(n) + " is not in canonical form");
    digest = chain_digest(digest, bytes);
    if (to_hex(digest) != hash)
      return fault("event " + std::to_string(n) + " (" + e.type + ") does not match its hash: the chain is broken");
    const Json& p = event["payload"];
    if (e.type == checkpoint_event::kKeyPublished) {
      const std::string id = str(p, "key_id"), pk = str(p, "public_key");
      if (!lower_hex(pk, 64) || key_id_of(pk) != id)
        return fault("event " + std::to_string(n) + ": key id '" + id + "' is not the id of the key published");
      if (published.contains(id)) return fault("event " + std::to_string(n) + ": key " + id + " is published twice");
      published[id] = pk;
      report.key_ids.push_back(id);
      auto extract = key_line(n, p);
      if (!extract) return fault(extract.error().message);
      keys += *extract;
    } else if (e.type == checkpoint_event::kCheckpointSigned) {
      const std::string id = str(p, "key_id"), signed_hash = str(p, "hash"), signature = str(p, "signature");
      const std::int64_t signed_seq = integer(p, "seq");
      if (signed_seq != n - 1 || signed_hash != previous_hash)
        return fault("checkpoint " + std::to_string(n) + " does not sign the event before it (event " +
                     std::to_string(n - 1) + " and its hash)");
      const auto key = published.find(id);
      if (key == published.end())
        return fault("checkpoint " + std::to_string(n) + " names key " + id + ", not published before it");
      if (!verify_signature(key->second, checkpoint_message(signed_seq, signed_hash), signature))
        return fault("checkpoint " + std::to_string(n) + ": the signature does not verify with key " + id);
      ++report.checkpoints;
      report.signed_head = Head{signed_seq, signed_hash};
      report.signed_by = id;
      auto extract = checkpoint_line(n, p);
      if (!extract) return fault(extract.error().message);
      checkpoints += *extract;
    }
    previous_hash = hash;
    last_type = e.type;
    report.events = n;
  }
  if (n == 0) return fault("the journal is empty");
  if (last_type != checkpoint_event::kCheckpointSigned)
    return fault("the journal does not end with a checkpoint: events after " +
                 std::to_string(report.signed_head.seq + 1) + " are not signed");
}

}  // namespace

Result<BundleWritten> write_bundle(Journal& journal, const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) return invalid("bundle", "'" + dir + "' exists and is not empty");
  fs::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::kStorage, "bundle", "cannot create '" + dir + "': " + ec.message());

  LEU_GET(snapshot, journal.store().read_snapshot());
  BundleWritten written;
  std::string lines, checkpoints, keys, last_type;
  std::optional<Error> error;
  LEU_RETURN_IF_ERROR(journal.scan(1, [&](const StoredEvent& e) {
    const std::string bytes = canonical_event_bytes(e);
    lines += bytes.substr(0, bytes.size() - 1) + ",\"hash\":\"" + e.hash + "\"}\n";
    ++written.events;
    last_type = e.type;
    if (e.type != checkpoint_event::kKeyPublished && e.type != checkpoint_event::kCheckpointSigned) return true;
    const Json payload = Json::parse(e.payload, nullptr, false);
    auto extract =
        e.type == checkpoint_event::kKeyPublished ? key_line(e.seq, payload) : checkpoint_line(e.seq, payload);
    if (!extract) {
      error = extract.error();
      return false;
    }
    (e.type == checkpoint_event::kKeyPublished ? keys : checkpoints) += *extract;
    ++(e.type == checkpoint_event::kKeyPublished ? written.keys : written.checkpoints);
    return true;
  }));
  if (error) return std::unexpected(*error);
  if (last_type != checkpoint_event::kCheckpointSigned)
    return fail(ErrorCode::kConflict, "journal",
                "the journal does not end with a signed checkpoint ('leubank checkpoint' signs one)");
  LEU_RETURN_IF_ERROR(write_file(fs::path(dir) / kJournalFile, lines));
  LEU_RETURN_IF_ERROR(write_file(fs::path(dir) / kCheckpointsFile, checkpoints));
  LEU_RETURN_IF_ERROR(write_file(fs::path(dir) / kKeysFile, keys));
  return written;
}

Result<BundleReport> verify_bundle(const std::string& dir, const std::string& expected_public_key) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail(ErrorCode::kNotFound, "bundle", "'" + dir + "' is not a directory");
  const auto journal = read_file(fs::path(dir) / kJournalFile);
  const auto checkpoints = read_file(fs::path(dir) / kCheckpointsFile);
  const auto keys = read_file(fs::path(dir) / kKeysFile);
  BundleReport report;
  if (!journal || !checkpoints || !keys)
    report.fault = BundleFault{!journal ? kJournalFile : !checkpoints ? kCheckpointsFile : kKeysFile, "missing"};
  else
    report = verify_bundle_files(*journal, *checkpoints, *keys, expected_public_key);
  return report;
}

BundleReport verify_bundle_files(const std::string& journal, const std::string& checkpoints, const std::string& keys,
                                 const std::string& expected_public_key) {
  BundleReport report;
  std::string expected_checkpoints, expected_keys;
  check_journal(journal, report, expected_checkpoints, expected_keys);
  if (report.fault) return report;
  for (const auto& [file, text, expected] : {std::tuple{kCheckpointsFile, &checkpoints, &expected_checkpoints},
                                             std::tuple{kKeysFile, &keys, &expected_keys}}) {
    if (*text != *expected) {
      report.fault = BundleFault{std::string(file) + ":" + std::to_string(first_differing_line(*text, *expected)),
                                 "differs from the journal's events"};
      return report;
    }
  }
  if (!expected_public_key.empty() && key_id_of(expected_public_key) != report.signed_by)
    report.fault = BundleFault{kJournalFile + (":" + std::to_string(report.events)),
                               "the last checkpoint is signed by key " + report.signed_by +
                                   ", not by the expected key " + key_id_of(expected_public_key)};
  return report;
}

}  // namespace leu
