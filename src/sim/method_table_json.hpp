// Measurement-method tables as JSON documents (data/methods/*.json): parse one, or take the compiled-in default.
//
// Contract: a document {"format": "leubank-methods", "name", "version", "status", "methods": [{"name", "measures",
// "random_rsd", "systematic_rsd", "source"}]} becomes a validated stats::MethodTable (an rsd is a number or decimal
// text, "0.0005", as a facility's table in the journal writes it); any missing member, wrong type
// or bad value is an error naming `source` and the member (methods[2].random_rsd). The default table is
// data/methods/itv2010-placeholder-v1.json, compiled in; its values are placeholders until the International Target
// Values are confirmed, and its `status` says so.
//
//   LEU_GET(table, parse_method_table(text, "site-methods.json"));
//   const stats::MethodTable& d = default_method_table();
#pragma once

#include <string>

#include "domain/error.hpp"
#include "stats/methods.hpp"

namespace leu::sim {

Result<stats::MethodTable> parse_method_table(const std::string& json_text, const std::string& source);
const stats::MethodTable& default_method_table();

}  // namespace leu::sim
