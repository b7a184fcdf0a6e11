// The statistics of an MBA's closed balance periods: σ(MUF) with its terms,
// CUMUF, SITMUF, Page's test and GEMUF with their thresholds (docs/statistics.md),
// computed from the journal with the default measurement-method table.
#include "accountancy/balance_uncertainty.hpp"
#include "server/server_state.hpp"
#include "sim/analysis_json.hpp"
#include "sim/method_table_json.hpp"

namespace leu::server {

void add_statistics_routes(ServerState& state) {
  state.router.add({.method = "GET",
                    .path = "/api/v1/statistics",
                    .summary = "MUF ± σ, CUMUF, SITMUF, Page and GEMUF over the closed balance periods of an MBA",
                    .tag = "accountancy",
                    .op = Operation::kReadInventory,
                    .cacheable = true,
                    .query = {{"mba", "MBA code (default: the facility's first)"}},
                    .handler = [](Call& c) -> Result<Reply> {
                      std::string mba = c.query_value("mba");
                      if (mba.empty()) {
                        LEU_GET(facility, c.journal.facility());
                        if (!facility || facility->mbas.empty())
                          return fail(ErrorCode::kNotFound, "mba", "the journal has no MBA");
                        mba = facility->mbas.front().code;
                      }
                      const stats::MethodTable& table = sim::default_method_table();
                      LEU_GET(d, balance_sequence_of(c.journal, mba, table));
                      LEU_GET(analysis, stats::analyse(d.sequence));
                      nlohmann::json out = sim::analysis_json(analysis);
                      out["mba"] = mba;
                      out["methods"] = {{"name", table.name}, {"version", table.version}, {"status", table.status}};
                      out["recorded_muf_kg"] = d.recorded_muf_kg;
                      return Reply::json(out);
                    }});
}

}  // namespace leu::server
