// Sign-in sessions: random ids held in memory, with idle and absolute expiry.
//
// A session id is 256 random bits (libsodium), sent to the browser in an
// HttpOnly, SameSite=Strict cookie; with it goes a CSRF token that the browser's
// scripts must echo in the X-CSRF-Token header of every change. A session dies
// after `idle` without use, `absolute` after sign-in whatever the use, at sign
// out, and when the server restarts (sessions are not persisted: signing in again
// is the price of never storing a live credential in the database). Thread-safe.
//
//   Sessions sessions(clock, 30min, 12h);
//   auto s = sessions.create("olga");          // s.id to the cookie, s.csrf to the page
//   auto found = sessions.find(cookie_value);   // nullopt when unknown or expired
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "domain/clock.hpp"

namespace leu::server {

struct Session {
  std::string id;
  std::string user;
  std::string csrf;
  std::chrono::system_clock::time_point created;
  std::chrono::system_clock::time_point last_used;
};

class Sessions {
 public:
  Sessions(const Clock& clock, std::chrono::seconds idle, std::chrono::seconds absolute)
      : clock_(clock), idle_(idle), absolute_(absolute) {}

  Session create(const std::string& user);
  // The live session with this id, its last use moved to now; expired ones are dropped.
  std::optional<Session> find(const std::string& id);
  void erase(const std::string& id);
  // Ends every session of a user (disabled, password changed).
  void erase_user(const std::string& user);
  std::size_t size();
  std::chrono::seconds absolute() const { return absolute_; }

 private:
  bool expired(const Session& s, std::chrono::system_clock::time_point now) const;
  void sweep(std::chrono::system_clock::time_point now);  // REQUIRES: mutex_ held

  const Clock& clock_;
  std::chrono::seconds idle_;
  std::chrono::seconds absolute_;
  std::mutex mutex_;
  std::map<std::string, Session> by_id_;
};

}  // namespace leu::server
