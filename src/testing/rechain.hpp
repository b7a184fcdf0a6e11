// Test support: writes a list of journal events into an empty store as a fresh chain. Format-version tests take
// a real journal, edit events (e.g. strip version-2 members and mark them version 1) and need them stored as a
// journal whose hash chain holds, so that replay, rebuild and verify judge the edited content and not a broken
// chain.
//
// Contract: rechain_into() recomputes every event's hash from the genesis digest in the order given (seq, time,
// actor, type, version and payload are kept as they are), appends them all in one write transaction and
// commits. No projection rows are written: call Journal::rebuild() next. It returns the store's error, if any;
// the store must be empty.
#pragma once

#include <vector>

#include "domain/error.hpp"
#include "store/store.hpp"

namespace leu::testing {

Result<void> rechain_into(Store& store, std::vector<StoredEvent> events);

}  // namespace leu::testing
