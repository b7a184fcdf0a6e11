// The textbook sequence analysis (stats/sequence_analysis.hpp) as JSON, the one
// shape `leubank stats --format json` and GET /api/v1/statistics both answer with:
// the thresholds, the first Page alarm, and per period MUF, σ(MUF) with the
// variance terms largest first, CUMUF, SITMUF, Page and GEMUF with their alarms
// (quantities U-235 [kg]; docs/statistics.md).
//
//   nlohmann::json j = sim::analysis_json(analysis);
#pragma once

#include <nlohmann/json.hpp>

#include "stats/sequence_analysis.hpp"

namespace leu::sim {

nlohmann::json analysis_json(const stats::Analysis& a);

}  // namespace leu::sim
