// How report values are shown under a profile: weights in the unit of their element or isotope with that unit's
// decimals, dates in the profile's date format, MUF with the profile's sign. Shared by every writer and the parser
// of reports/ so that the labelled text, CSV, JSON and XLSX agree to the digit.
//
// Contract: weights are exact integers of milligrams; a unit's decimals are its milligram scale (g: 3, kg: 6), so
// format_weight never rounds and parse_weight accepts exactly that many decimals. No floating point.
//
//   const Profile& p = default_profile();
//   weight_unit(report, line, WeightField::kElement, p);   // "g" for element E
//   format_weight(1299500, "g", p);                        // "1299.500"
//   format_date("2026-01-31", p);                          // "31012026"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "reports/profile.hpp"
#include "reports/report.hpp"

namespace leu::reports {

enum class WeightField { kElement, kFissile };

// The unit of a weight: the element category's unit; for the fissile weight the isotope's unit when the line names
// an isotope. "" when the element category is not in the profile.
std::string weight_unit(const Report& r, const ReportLine& l, WeightField w, const Profile& p);

// The weight as shown in output: the MUF line (role MUF) changes sign when the profile's muf_sign is
// "positive_is_gain"; leubank keeps positive = apparent loss (accounting-reports.md §9). Its own inverse.
std::int64_t shown_mg(const ReportLine& l, std::int64_t mg, ReportType t, const Profile& p);

// "1299.500" (g) or "1.299500" (kg) for 1 299 500 mg.
std::string format_weight(std::int64_t mg, std::string_view unit, const Profile& p);
// Exactly the unit's decimals, an optional '-', no '+', no spaces; returns milligrams.
Result<std::int64_t> parse_weight(std::string_view text, std::string_view unit, const Profile& p,
                                  const std::string& field);

// ISO "YYYY-MM-DD" -> the profile's date format (unchanged for "YYYY-MM-DD").
std::string format_date(std::string_view iso, const Profile& p);
// The profile's date format -> ISO; refuses days not in the calendar.
Result<std::string> parse_date(std::string_view text, const Profile& p, const std::string& field);

}  // namespace leu::reports
