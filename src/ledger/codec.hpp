// JSON encodings of the domain values that travel in event payloads and
// projection rows. Masses are integers of milligrams ("..._mg"), fractions
// integers of parts per 10^9 ("..._ppb"), dates "YYYY-MM-DD". The field names are
// part of the journal format (docs/formats/journal.md): change them only with a
// new format version.
//
// decode_* fail with kIntegrity naming the missing or malformed field: a payload
// that does not decode is a damaged journal, not a user error.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/facility.hpp"
#include "domain/item.hpp"
#include "ledger/records.hpp"

namespace leu {

using Json = nlohmann::json;

Json encode(const Facility& f);
Json encode(const Isotopics& iso);
Json encode(const Item& item);
Json encode(const SealRecord& seal);
Json encode(const Balance& balance);
Json encode(const UserRecord& user);

Result<Facility> decode_facility(const Json& j);
Result<Isotopics> decode_isotopics(const Json& j);
Result<Item> decode_item(const Json& j);
Result<SealRecord> decode_seal(const Json& j);
Result<Balance> decode_balance(const Json& j);
Result<UserRecord> decode_user(const Json& j);

// Field readers shared by the decoders and the event fold.
Result<std::string> get_string(const Json& j, const char* field);
Result<std::int64_t> get_int(const Json& j, const char* field);
Result<bool> get_bool(const Json& j, const char* field);
Result<Mass> get_mass(const Json& j, const char* field);
Result<Date> get_date(const Json& j, const char* field);
// A measurement's `calibration` (format version 2): "" when absent (version 1), else a non-empty string.
Result<std::string> get_calibration(const Json& j);

}  // namespace leu
