#include "sim/analysis_json.hpp"

namespace leu::sim {

using Json = nlohmann::json;

Json analysis_json(const stats::Analysis& a) {
  const auto& t = a.thresholds;
  Json j = {{"standard", true},
            {"definitions", "textbook (docs/statistics.md)"},
            {"thresholds",
             {{"k_single", t.k_single},
              {"k_cumuf", t.k_cumuf},
              {"page_k", t.page_k},
              {"page_h", t.page_h},
              {"page_alpha", t.page_alpha},
              {"page_horizon", t.page_horizon}}},
            {"first_page_alarm", a.first_page_alarm ? Json(a.first_page_alarm) : Json(nullptr)},
            {"periods", Json::array()}};
  for (const auto& r : a.rows) {
    Json terms = Json::array();
    for (const auto& c : r.contributions) terms.push_back({{"term", c.term}, {"variance_kg2", c.variance}});
    j["periods"].push_back({{"period", r.period},
                            {"label", r.label},
                            {"muf_kg", r.muf},
                            {"sigma_muf_kg", r.sigma_muf},
                            {"muf_alarm", r.muf_alarm},
                            {"cumuf_kg", r.cumuf},
                            {"sigma_cumuf_kg", r.sigma_cumuf},
                            {"cumuf_alarm", r.cumuf_alarm},
                            {"active", r.active},
                            {"itmuf_kg", r.itmuf},
                            {"sigma_itmuf_kg", r.sigma_itmuf},
                            {"sitmuf", r.sitmuf},
                            {"page", r.page},
                            {"page_alarm", r.page_alarm},
                            {"gemuf", r.gemuf},
                            {"gemuf_threshold", r.gemuf_threshold},
                            {"gemuf_alarm", r.gemuf_alarm},
                            {"variance_terms", terms}});
  }
  return j;
}

}  // namespace leu::sim
