// Health, metrics and the API document: public, read-only.
#include "server/api_util.hpp"
#include "server/openapi.hpp"
#include "server/server_state.hpp"

namespace leu::server {

void add_system_routes(ServerState& state) {
  state.router.add({.method = "GET",
                    .path = "/healthz",
                    .summary = "Liveness and the journal head (503 when the database cannot be read)",
                    .tag = "system",
                    .is_public = true,
                    .handler = [](Call& c) -> Result<Reply> {
                      LEU_GET(head, c.journal.head());
                      return Reply::json({{"status", "ok"}, {"head", head_json(head)}});
                    }});
  state.router.add({.method = "GET",
                    .path = "/metrics",
                    .summary = "Prometheus metrics (text exposition format 0.0.4)",
                    .tag = "system",
                    .is_public = true,
                    .handler = [&state](Call& c) -> Result<Reply> {
                      LEU_GET(head, c.journal.head());
                      const std::vector<Gauge> gauges = {
                          {"leubank_journal_head_seq", static_cast<double>(head.seq), "Sequence number of the head."},
                          {"leubank_sessions_active", static_cast<double>(state.sessions.size()), "Live sessions."}};
                      Reply r;
                      r.text = state.metrics.render(gauges);
                      r.content_type = "text/plain; version=0.0.4";
                      return r;
                    }});
  state.router.add(
      {.method = "GET",
       .path = "/api/v1/openapi.json",
       .summary = "This API's OpenAPI 3 document",
       .tag = "system",
       .is_public = true,
       .handler = [&state](Call&) -> Result<Reply> { return Reply::json(openapi_document(state.router)); }});
}

}  // namespace leu::server
