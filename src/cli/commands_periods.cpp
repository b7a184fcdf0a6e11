// inventory-taking and period: physical inventories and material balance periods.
#include <iostream>

#include <fmt/format.h>

#include "accountancy/balance_period.hpp"
#include "accountancy/receipt_listing.hpp"
#include "cli/context.hpp"

namespace leu::cli {
namespace {

using Json = nlohmann::json;

struct Args {
  std::string mba, date, found_file, anomaly, text, format = "table", note, method, calibration;
  std::vector<std::string> unexpected;
  bool all_found = false;
};

std::string kg(std::int64_t mg) { return Mass::milligrams(mg).kg_text(6); }

// The found-items listing: a CSV with columns item, then optionally seal_intact
// (yes/no/blank), position, net_uf6_kg (re-weighed at the taking), method and
// calibration (of that re-weighing; blank: --method / --calibration).
Result<std::vector<PitFinding>> parse_found(const std::string& text) {
  std::vector<PitFinding> out;
  std::vector<std::string> header;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string record = text.substr(start, end - start);
    start = end + 1;
    ++line;
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (record.empty()) continue;
    auto fields = split_csv_record(record);
    if (!fields) return invalid("line " + std::to_string(line), fields.error().message);
    if (header.empty()) {
      header = *fields;
      if (header.empty() || header[0] != "item")
        return invalid("line 1",
                       "the first column must be 'item' (then seal_intact, position, net_uf6_kg, method, calibration)");
      continue;
    }
    PitFinding f;
    for (std::size_t i = 0; i < fields->size() && i < header.size(); ++i) {
      const std::string& v = (*fields)[i];
      if (header[i] == "item")
        f.item = v;
      else if (header[i] == "position")
        f.position = v;
      else if (header[i] == "method")
        f.method = v;
      else if (header[i] == "calibration")
        f.calibration = v;
      else if (header[i] == "net_uf6_kg") {
        if (v.empty()) continue;
        auto m = Mass::parse_kg(v, "net_uf6_kg");
        if (!m) return invalid("line " + std::to_string(line) + ", column 'net_uf6_kg'", m.error().message);
        f.net_uf6 = *m;
      } else if (header[i] == "seal_intact") {
        if (v == "yes")
          f.seal_intact = true;
        else if (v == "no")
          f.seal_intact = false;
        else if (!v.empty())
          return invalid("line " + std::to_string(line) + ", column 'seal_intact'",
                         "'" + v + "' is not yes, no or blank");
      } else {
        return invalid("line 1, column '" + header[i] + "'", "unknown column");
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

void print_period(const Json& p) {
  std::cout << fmt::format(
      "Material balance period of MBA {}: {} to {} ({}{})\n", p["mba"].get<std::string>(), p["from"].get<std::string>(),
      p["to"].get<std::string>(), p["status"].get<std::string>(),
      p["signed_by"].get<std::string>().empty() ? "" : ", signed by " + p["signed_by"].get<std::string>());
  std::cout << "MUF = BA - PE: positive is an apparent loss. Receipts are booked at the receiver's values (BA = BE).\n";
  for (const auto& c : p["categories"]) {
    std::cout << fmt::format("\n{} uranium           {:>20} {:>20}\n", c["category"].get<std::string>(), "U kg",
                             "U-235 kg");
    const auto line = [&](const std::string& label, const Json& w) {
      std::cout << fmt::format("  {:<20} {:>20} {:>20}\n", label, kg(w["uranium_mg"]), kg(w["u235_mg"]));
    };
    line("PB", c["pb"]);
    for (const auto& [code, w] : c["increases"].items()) line("  + " + code, w);
    for (const auto& [code, w] : c["decreases"].items()) line("  - " + code, w);
    line("BE", c["be"]);
    line("SRD (shipper-receiver)", c["srd"]);
    line("BA", c["ba"]);
    line("PE", c["pe"]);
    line("MUF", c["muf"]);
    std::cout << fmt::format("  items: {} on the book, {} found\n", c["book_items"].get<std::int64_t>(),
                             c["pe_items"].get<std::int64_t>());
  }
  if (p["anomalies"].empty()) std::cout << "\nno anomalies\n";
  for (const auto& a : p["anomalies"]) {
    const std::string id = a["id"];
    std::cout << fmt::format("\nanomaly {} ({}): {}\n", id, a["kind"].get<std::string>(),
                             a["detail"].get<std::string>());
    if (p["explanations"].contains(id))
      std::cout << fmt::format("  explained by {}: {}\n", p["explanations"][id]["by"].get<std::string>(),
                               p["explanations"][id]["text"].get<std::string>());
    else
      std::cout << "  NOT EXPLAINED: the period cannot be signed off\n";
  }
}

// Runs `act(periods, who, date)` as the --as user on the period of --mba ending --date.
template <class Act>
Result<void> with_period(Context& ctx, const Args& a, Act act) {
  auto j = ctx.journal();
  if (!j) return std::unexpected(j.error());
  LEU_GET(who, resolve_principal(**j, ctx.as));
  LEU_GET(date, Date::parse(a.date, "date"));
  Periods periods(**j);
  return act(periods, who, date);
}

}  // namespace

void add_period_commands(CLI::App& app, Context& ctx) {
  Args& a = ctx.hold<Args>();

  auto* pit = app.add_subcommand("inventory-taking", "record a physical inventory taking at an MBA's inventory KMP");
  pit->add_option("--mba", a.mba, "MBA code")->required();
  pit->add_option("--date", a.date, "date of the taking (default: today)");
  pit->add_option("--found", a.found_file,
                  "CSV of items found: item, seal_intact (yes/no/blank), position, net_uf6_kg, method, calibration");
  pit->add_flag("--all-found", a.all_found, "every item on the book was found, seals intact, where booked");
  pit->add_option("--unexpected", a.unexpected, "an item found that is not on the book: 'ID: what was found'");
  pit->add_option("--method", a.method, "weighing method of the re-weighed items whose row names none");
  pit->add_option("--calibration", a.calibration,
                  "calibration period of the re-weighed items' scale whose row names none, e.g. LC-2026");
  pit->add_option("--note", a.note, "remark");
  pit->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      LEU_GET(who, resolve_principal(**j, ctx.as));
      LEU_GET(date, date_option(ctx, a.date));
      PitInput in{a.mba, date, {}, {}, a.all_found, a.note};
      bool reweighed = false;
      if (!a.found_file.empty()) {
        LEU_GET(text, read_input(a.found_file));
        LEU_GET(found, parse_found(text));
        in.found = std::move(found);
        for (PitFinding& f : in.found) {
          if (!f.net_uf6) continue;
          reweighed = true;
          if (f.method.empty()) f.method = a.method;
          if (f.calibration.empty()) f.calibration = a.calibration;
        }
      } else if (!a.all_found) {
        return fail(ErrorCode::kUsage, "found", "give --found FILE or --all-found");
      }
      if (!reweighed && !a.method.empty()) return invalid("method", "no item in --found was re-weighed");
      if (!reweighed && !a.calibration.empty()) return invalid("calibration", "no item in --found was re-weighed");
      for (const auto& u : a.unexpected) {
        const auto colon = u.find(':');
        in.unexpected.push_back(
            PitUnexpected{u.substr(0, colon), colon == std::string::npos ? "" : u.substr(colon + 1)});
      }
      Periods periods(**j);
      LEU_GET(head, periods.take_inventory(who, in));
      std::cout << fmt::format("physical inventory of {} on {} recorded (event {})\n", a.mba, date.text(), head.seq);
      return {};
    };
  });

  auto* period = app.add_subcommand("period", "close, explain, sign off and show material balance periods");
  period->require_subcommand(1);
  const auto mba_date = [&](CLI::App* sub) {
    sub->add_option("--mba", a.mba, "MBA code")->required();
    sub->add_option("--date", a.date, "the period's ending date: its physical inventory date")->required();
  };
  auto* close = period->add_subcommand("close", "close the period ending at a physical inventory");
  mba_date(close);
  close->callback([&] {
    ctx.action = [&] {
      return with_period(ctx, a, [&](Periods& periods, const Principal& who, Date date) -> Result<void> {
        LEU_GET(p, periods.close_period(who, a.mba, date));
        print_period(p);
        return {};
      });
    };
  });
  auto* explain = period->add_subcommand("explain", "explain an anomaly of a closed period");
  mba_date(explain);
  explain->add_option("--anomaly", a.anomaly, "anomaly id, e.g. A1")->required();
  explain->add_option("--text", a.text, "the explanation")->required();
  explain->callback([&] {
    ctx.action = [&] {
      return with_period(ctx, a, [&](Periods& periods, const Principal& who, Date date) -> Result<void> {
        LEU_GET(head, periods.explain_anomaly(who, a.mba, date, a.anomaly, a.text));
        std::cout << fmt::format("anomaly {} explained (event {})\n", a.anomaly, head.seq);
        return {};
      });
    };
  });
  auto* sign = period->add_subcommand("sign", "sign off a closed period (every anomaly explained)");
  mba_date(sign);
  sign->callback([&] {
    ctx.action = [&] {
      return with_period(ctx, a, [&](Periods& periods, const Principal& who, Date date) -> Result<void> {
        LEU_GET(head, periods.sign_period(who, a.mba, date));
        std::cout << fmt::format("period of {} ending {} signed off (event {})\n", a.mba, date.text(), head.seq);
        return {};
      });
    };
  });
  auto* show = period->add_subcommand("show", "show a closed period: PB, changes, BE, SRD, BA, PE, MUF, anomalies");
  mba_date(show);
  show->add_option("--format", a.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  show->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      LEU_GET(date, Date::parse(a.date, "date"));
      Periods periods(**j);
      LEU_GET(p, periods.period(a.mba, date));
      if (a.format == "json")
        std::cout << p.dump(2) << '\n';
      else
        print_period(p);
      return {};
    };
  });
  auto* list = period->add_subcommand("list", "list the closed periods");
  list->add_option("--mba", a.mba, "only this MBA");
  list->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      Periods periods(**j);
      LEU_GET(all, periods.periods(a.mba));
      for (const auto& p : all) {
        std::string muf;
        for (const auto& c : p["categories"])
          muf += fmt::format("{} MUF {} kg U / {} kg U-235  ", c["category"].get<std::string>(),
                             kg(c["muf"]["uranium_mg"]), kg(c["muf"]["u235_mg"]));
        std::cout << fmt::format("{} {} to {}  {:<7} {} anomalies  {}\n", p["mba"].get<std::string>(),
                                 p["from"].get<std::string>(), p["to"].get<std::string>(),
                                 p["status"].get<std::string>(), p["anomalies"].size(), muf);
      }
      return {};
    };
  });
}

}  // namespace leu::cli
