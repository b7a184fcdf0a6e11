// serve: the HTTP API over the database until SIGTERM or SIGINT.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/context.hpp"
#include "server/server.hpp"

namespace leu::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert, tls_key;
  std::size_t max_body = 1 << 20;
  int read_timeout = 10, write_timeout = 10, session_idle = 1800, session_absolute = 43200, threads = 64;
  bool quiet = false;
  // The web UI: the checkout's web/ directory by default (the binary runs from its build tree).
  std::string web = LEUBANK_WEB_DIR;
  bool no_web = false;
};

Result<std::pair<std::string, int>> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return invalid("listen", "'" + listen + "' is not ADDRESS:PORT, e.g. 127.0.0.1:8080");
  const std::string port_text = listen.substr(colon + 1);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535) return invalid("listen", "port '" + port_text + "' is not 0 to 65535");
  return std::pair{listen.substr(0, colon), port};
}

Result<void> serve(Context& ctx, const ServeArgs& a) {
  LEU_GET(where, split_listen(a.listen));
  server::ServerOptions o;
  o.db = ctx.db;
  o.host = where.first;
  o.port = where.second;
  o.tls_cert = a.tls_cert;
  o.tls_key = a.tls_key;
  o.max_body_bytes = a.max_body;
  o.read_timeout = std::chrono::seconds(a.read_timeout);
  o.write_timeout = std::chrono::seconds(a.write_timeout);
  o.session_idle = std::chrono::seconds(a.session_idle);
  o.session_absolute = std::chrono::seconds(a.session_absolute);
  o.threads = a.threads;
  o.log_requests = !a.quiet;
  if (!a.no_web) {
    std::error_code ec;
    if (std::filesystem::is_directory(a.web, ec))
      o.web_dir = a.web;
    else if (a.web != LEUBANK_WEB_DIR)
      return invalid("web", "'" + a.web + "' is not a directory");
  }

  // Signals are taken by one thread with sigwait, never by a handler: stopping the
  // server is not async-signal-safe. Blocked before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // One JSON object per line on standard error, nothing around it (for log shippers).
  auto logger = spdlog::stderr_logger_mt("leubank-http");
  logger->set_pattern("%v");
  spdlog::set_default_logger(logger);

  server::Server srv(o, ctx.clock);
  LEU_GET(port, srv.bind());
  std::cout << fmt::format("leubank serving {} on {}://{}:{}/ (Ctrl-C or SIGTERM stops it)\n", ctx.db,
                           o.tls_cert.empty() ? "http" : "https", o.host, port)
            << std::flush;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::cout << "leubank: stopping; requests in flight finish first\n" << std::flush;
    srv.stop();
  });
  srv.run();
  // run() returned: either a signal stopped it or the listener failed; wake the waiter either way.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::cout << "leubank: stopped\n";
  return {};
}

}  // namespace

void add_serve_command(CLI::App& app, Context& ctx) {
  ServeArgs& a = ctx.hold<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "serve the HTTP JSON API (/api/v1) over the database");
  cmd->add_option("--listen", a.listen, "ADDRESS:PORT to listen on (port 0: any free one)")->capture_default_str();
  cmd->add_option("--tls-cert", a.tls_cert, "PEM certificate: serve HTTPS (with --tls-key)");
  cmd->add_option("--tls-key", a.tls_key, "PEM private key");
  cmd->add_option("--max-body", a.max_body, "largest request body accepted [bytes]")->capture_default_str();
  cmd->add_option("--read-timeout", a.read_timeout, "seconds to wait for a request")->capture_default_str();
  cmd->add_option("--write-timeout", a.write_timeout, "seconds to send an answer")->capture_default_str();
  cmd->add_option("--session-idle", a.session_idle, "a session ends after this many idle seconds")
      ->capture_default_str();
  cmd->add_option("--session-absolute", a.session_absolute, "and this many seconds after sign-in")
      ->capture_default_str();
  cmd->add_option("--threads", a.threads, "worker threads: clients served at once (1-256)")->capture_default_str();
  cmd->add_flag("--quiet", a.quiet, "no request log lines");
  cmd->add_option("--web", a.web, "directory of the web UI served at / (default: the checkout's web/)");
  cmd->add_flag("--no-web", a.no_web, "serve the API only");
  cmd->callback([&] { ctx.action = [&] { return serve(ctx, a); }; });
}

}  // namespace leu::cli
