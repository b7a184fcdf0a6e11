#include "server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

namespace leu::testing {
namespace {

std::string binary() {
  const char* bin = std::getenv("LEUBANK_BIN");
  return bin ? bin : "leubank";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Response response_of(const httplib::Result& r) {
  if (!r) return Response{};
  return Response{r->status, r->body, r->headers};
}

}  // namespace

const std::string& demo_database() {
  static const TempDir dir;
  static const std::string path = [] {
    const std::string db = dir.path("demo.db");
    const std::string cmd = binary() + " --db " + db + " demo >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return std::string();
    return db;
  }();
  return path;
}

std::string Response::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

httplib::Headers ApiClient::headers() const {
  httplib::Headers h;
  if (!cookie.empty()) h.emplace("Cookie", cookie);
  if (!csrf.empty()) h.emplace("X-CSRF-Token", csrf);
  if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
  return h;
}

Response ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                         const std::string& content_type, const httplib::Headers& extra) const {
  httplib::Client c(host_, port_);
  c.set_read_timeout(60, 0);
  httplib::Headers h = headers();
  for (const auto& kv : extra) h.insert(kv);
  if (method == "GET") return response_of(c.Get(path.c_str(), h));
  if (method == "POST") return response_of(c.Post(path.c_str(), h, body, content_type.c_str()));
  if (method == "PUT") return response_of(c.Put(path.c_str(), h, body, content_type.c_str()));
  if (method == "PATCH") return response_of(c.Patch(path.c_str(), h, body, content_type.c_str()));
  if (method == "DELETE") return response_of(c.Delete(path.c_str(), h, body, content_type.c_str()));
  return Response{};
}

Response ApiClient::get(const std::string& path) const { return send("GET", path, "", ""); }
Response ApiClient::post(const std::string& path, const std::string& body, const std::string& content_type) const {
  return send("POST", path, body, content_type);
}
Response ApiClient::put(const std::string& path, const std::string& body) const {
  return send("PUT", path, body, "application/json");
}
Response ApiClient::del(const std::string& path) const { return send("DELETE", path, "", "application/json"); }

ServerProcess::ServerProcess(std::vector<std::string> extra_args, std::string db) {
  if (demo_database().empty()) return;
  const bool fresh = db.empty();
  db_ = fresh ? dir_.path("bank.db") : std::move(db);
  if (fresh) std::filesystem::copy_file(demo_database(), db_);
  const std::string out = dir_.path("stdout"), err = dir_.path("stderr");
  std::vector<std::string> args = {binary(), "--db", db_, "serve", "--listen", "127.0.0.1:0", "--threads", "4"};
  for (auto& a : extra_args) args.push_back(std::move(a));
  pid_ = fork();
  if (pid_ == 0) {
    (void)!freopen(out.c_str(), "w", stdout);
    (void)!freopen(err.c_str(), "w", stderr);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  // It prints "... on http://127.0.0.1:PORT/" once it listens.
  static const std::regex kListening("https?://127\\.0\\.0\\.1:([0-9]+)/");
  for (int i = 0; i < 400 && port_ == 0; ++i) {
    std::smatch m;
    const std::string text = slurp(out);
    if (std::regex_search(text, m, kListening)) {
      port_ = std::stoi(m[1].str());
      break;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {  // it gave up: a refused option, a missing database
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) terminate();
}

int ServerProcess::terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 400; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

void ServerProcess::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::log() const { return slurp(dir_.path("stderr")); }
std::string ServerProcess::output() const { return slurp(dir_.path("stdout")); }

ApiClient ServerProcess::sign_in(const std::string& user) const {
  ApiClient c = anonymous();
  const Response r =
      c.post("/api/v1/session", nlohmann::json{{"user", user}, {"password", "leubank-demo-" + user}}.dump());
  if (r.status != 201) return c;
  const std::string set = r.header("Set-Cookie");
  c.cookie = set.substr(0, set.find(';'));
  c.csrf = nlohmann::json::parse(r.body).value("csrf_token", "");
  return c;
}

}  // namespace leu::testing
