#include "server/server.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "server/server_state.hpp"

namespace leu::server {
namespace {

Incoming incoming(const httplib::Request& req) {
  Incoming in;
  in.method = req.method;
  in.path = req.path;
  for (const auto& [k, v] : req.params) in.query.emplace(k, v);
  in.body = req.body;
  in.content_type = req.get_header_value("Content-Type");
  in.authorization = req.get_header_value("Authorization");
  in.cookie = req.get_header_value("Cookie");
  in.csrf = req.get_header_value(kCsrfHeader);
  in.if_match = req.get_header_value("If-Match");
  in.remote_addr = req.remote_addr;
  return in;
}

void answer(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  Outgoing out = dispatch(state, incoming(req));
  res.status = out.status;
  for (auto& [k, v] : out.headers) res.set_header(k, v);
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (!out.content_type.empty()) res.set_content(std::move(out.body), out.content_type.c_str());
}

}  // namespace

Server::Server(ServerOptions options, const Clock& clock)
    : state_(std::make_unique<ServerState>(std::move(options), clock)) {
  add_system_routes(*state_);
  add_session_routes(*state_);
  add_user_routes(*state_);
  add_book_routes(*state_);
  add_material_routes(*state_);
  add_period_routes(*state_);
  add_issued_report_routes(*state_);
  add_supply_routes(*state_);
  add_state_routes(*state_);
  add_statistics_routes(*state_);
}

Server::~Server() = default;

const Router& Server::router() const { return state_->router; }

Result<int> Server::bind() {
  const ServerOptions& o = state_->options;
  // Fail at start, not at the first request, when the database is not there.
  LEU_RETURN_IF_ERROR(state_->pool.journal());
  if (o.tls_cert.empty() != o.tls_key.empty())
    return invalid(o.tls_cert.empty() ? "tls-cert" : "tls-key", "give both --tls-cert and --tls-key, or neither");
  if (!o.tls_cert.empty()) {
    for (const auto& [field, path] : {std::pair{"tls-cert", o.tls_cert}, std::pair{"tls-key", o.tls_key}})
      if (!std::filesystem::exists(path)) return invalid(field, "no file '" + path + "'");
    auto tls = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!tls->is_valid()) return invalid("tls-cert", "the certificate and key could not be loaded as PEM");
    http_ = std::move(tls);
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  if (o.threads < 1 || o.threads > 256) return invalid("threads", "must be 1 to 256");
  const int threads = o.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http_->set_payload_max_length(o.max_body_bytes);
  http_->set_read_timeout(o.read_timeout);
  http_->set_write_timeout(o.write_timeout);
  http_->set_keep_alive_max_count(1000);
  // Without it, small answers wait for the client's delayed ACK (about 40 ms on Linux).
  http_->set_tcp_nodelay(true);
  ServerState& state = *state_;
  const auto handler = [&state](const httplib::Request& req, httplib::Response& res) { answer(state, req, res); };
  http_->Get(".*", handler);
  http_->Post(".*", handler);
  http_->Put(".*", handler);
  http_->Delete(".*", handler);
  http_->Patch(".*", handler);
  // Errors the library answers itself (413 over the body limit, 400 unreadable request).
  http_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    nlohmann::json p = {{"type", "about:blank"}, {"status", res.status}, {"title", "HTTP error"}};
    if (res.status == 413) p["detail"] = "the request body is larger than the server accepts";
    res.set_content(p.dump(), "application/problem+json");
  });
  int port = o.port;
  if (port == 0) {
    port = http_->bind_to_any_port(o.host.c_str());
    if (port < 0) return fail(ErrorCode::kStorage, "listen", "cannot bind " + o.host);
  } else if (!http_->bind_to_port(o.host.c_str(), port)) {
    return fail(ErrorCode::kConflict, "listen",
                o.host + ":" + std::to_string(port) + " cannot be bound (in use, or not an address of this machine)");
  }
  return port;
}

void Server::run() { http_->listen_after_bind(); }

void Server::stop() {
  if (http_) http_->stop();
}

}  // namespace leu::server
