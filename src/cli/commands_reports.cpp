// report: the ICR, PIL and MBR of an MBA in the profile's formats (drafts from the
// books), issuing them into the journal with their numbers, correcting issued lines,
// listing and showing issued reports, and parsing a labelled report file.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "accountancy/issued_reports.hpp"
#include "accountancy/profile_in_force.hpp"
#include "accountancy/report_builder.hpp"
#include "cli/context.hpp"
#include "reports/export.hpp"
#include "reports/labelled.hpp"
#include "reports/profile.hpp"
#include "reports/record.hpp"

namespace leu::cli {
namespace {

struct Args {
  std::string mba, month, date, format = "text", output, file, type, reason;
  std::int64_t number = 0, line = 0;
  std::vector<std::string> set;
  bool remove = false;
};

Result<reports::ReportType> report_type(const std::string& lower) {
  std::string key;
  for (char c : lower) key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return reports::parse_report_type(key, "type");
}

// --set FIELD=VALUE pairs.
Result<std::vector<std::pair<std::string, std::string>>> field_values(const std::vector<std::string>& set) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : set) {
    const std::size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      return fail(ErrorCode::kUsage, "set", "'" + s + "' is not FIELD=VALUE (e.g. element_weight=1512.345)");
    out.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  return out;
}

// Writes the report in the asked format, under the journal's profile in force, to --output, or standard output.
Result<void> emit(const reports::Report& r, const Args& a, Journal& journal) {
  LEU_GET(profile, profile_in_force(journal));
  if (a.format == "xlsx") {
    if (a.output.empty()) return fail(ErrorCode::kUsage, "output", "an XLSX report needs --output FILE");
    LEU_RETURN_IF_ERROR(reports::write_xlsx(r, profile, a.output));
    std::cout << fmt::format("wrote {} ({} lines)\n", a.output, r.lines.size());
    return {};
  }
  const std::string text = a.format == "csv"    ? reports::write_csv(r, profile)
                           : a.format == "json" ? reports::write_json(r, profile).dump(2) + "\n"
                                                : reports::write_labelled(r, profile);
  if (a.output.empty()) {
    std::cout << text;
    return {};
  }
  std::ofstream out(a.output, std::ios::binary);
  if (!out) return fail(ErrorCode::kInvalidInput, "output", "cannot write '" + a.output + "'");
  out << text;
  std::cout << fmt::format("wrote {} ({} lines)\n", a.output, r.lines.size());
  return {};
}

// The reporting person: the --as user, else the account running the command.
std::string reporting_person(const Context& ctx) {
  if (!ctx.as.empty()) return ctx.as;
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx) {
  Args& a = ctx.hold<Args>();
  auto* report = app.add_subcommand("report", "accounting reports: ICR, PIL, MBR; parse a labelled report file");
  report->require_subcommand(1);
  const auto common = [&](CLI::App* sub) {
    sub->add_option("--mba", a.mba, "MBA code")->required();
    sub->add_option("--format", a.format, "text (the profile's labelled format), csv, json or xlsx")
        ->check(CLI::IsMember({"text", "csv", "json", "xlsx"}));
    sub->add_option("--output", a.output, "write to this file (required for xlsx)");
  };
  const auto run = [&](auto build) {
    return [&ctx, &a, build]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      auto r = build(**j);
      if (!r) return std::unexpected(r.error());
      return emit(*r, a, **j);
    };
  };

  auto* icr = report->add_subcommand("icr", "inventory change report of one month, by batch");
  common(icr);
  icr->add_option("--month", a.month, "YYYY-MM")->required();
  icr->callback([&, run] {
    ctx.action = run([&](Journal& j) -> Result<reports::Report> {
      auto day = Date::parse(a.month + "-01", "month");
      if (!day) return invalid("month", "'" + a.month + "' is not a month in the form YYYY-MM");
      return build_icr(j, a.mba, day->year(), day->month(), reporting_person(ctx));
    });
  });
  auto* pil = report->add_subcommand("pil", "physical inventory listing of a closed period's taking");
  common(pil);
  pil->add_option("--date", a.date, "the physical inventory date (YYYY-MM-DD)")->required();
  pil->callback([&, run] {
    ctx.action = run([&](Journal& j) -> Result<reports::Report> {
      auto day = Date::parse(a.date, "date");
      if (!day) return std::unexpected(day.error());
      return build_pil(j, a.mba, *day, reporting_person(ctx));
    });
  });
  auto* mbr = report->add_subcommand("mbr", "material balance report of a closed period");
  common(mbr);
  mbr->add_option("--date", a.date, "the period's ending date: its physical inventory (YYYY-MM-DD)")->required();
  mbr->callback([&, run] {
    ctx.action = run([&](Journal& j) -> Result<reports::Report> {
      auto day = Date::parse(a.date, "date");
      if (!day) return std::unexpected(day.error());
      return build_mbr(j, a.mba, *day, reporting_person(ctx));
    });
  });

  const auto as_issuer = [&](auto act) {
    return [&ctx, &a, act]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      LEU_GET(who, resolve_principal(**j, ctx.as));
      IssuedReports issued(**j);
      LEU_GET(r, act(issued, who));
      std::cerr << fmt::format("issued {} {} of MBA {} ({} lines)\n", reports::report_type_key(r.header.type),
                               r.header.report_number, r.header.mba, r.lines.size());
      return emit(r, a, **j);
    };
  };
  auto* issue = report->add_subcommand("issue", "issue a report into the journal with the next report number");
  common(issue);
  issue->add_option("type", a.type, "icr, pil or mbr")->required()->check(CLI::IsMember({"icr", "pil", "mbr"}));
  issue->add_option("--month", a.month, "ICR: the month, YYYY-MM");
  issue->add_option("--date", a.date, "PIL, MBR: the period's ending date, its physical inventory (YYYY-MM-DD)");
  issue->callback([&, as_issuer] {
    ctx.action = as_issuer([&](IssuedReports& issued, const Principal& who) -> Result<reports::Report> {
      LEU_GET(type, report_type(a.type));
      IssueInput in{.type = type, .mba = a.mba};
      if (type == reports::ReportType::kIcr) {
        if (a.month.empty()) return fail(ErrorCode::kUsage, "month", "an ICR needs --month YYYY-MM");
        auto day = Date::parse(a.month + "-01", "month");
        if (!day) return invalid("month", "'" + a.month + "' is not a month in the form YYYY-MM");
        in.month = *day;
      } else {
        if (a.date.empty()) return fail(ErrorCode::kUsage, "date", "a " + a.type + " needs --date YYYY-MM-DD");
        LEU_GET(day, Date::parse(a.date, "date"));
        in.date = day;
      }
      return issued.issue(who, in);
    });
  });
  auto* correct =
      report->add_subcommand("correct", "correct a line of an issued report: D/A lines, or D with --delete");
  common(correct);
  correct->add_option("type", a.type, "icr, pil or mbr")->required()->check(CLI::IsMember({"icr", "pil", "mbr"}));
  correct->add_option("--report", a.number, "the issued report's number")->required();
  correct->add_option("--line", a.line, "the line to correct")->required();
  correct->add_option("--set", a.set, "FIELD=VALUE, the corrected value (repeatable; weights in the unit shown)");
  correct->add_flag("--delete", a.remove, "delete the line (a D line only)");
  correct->add_option("--reason", a.reason, "why: the comment of the correction lines")->required();
  correct->callback([&, as_issuer] {
    ctx.action = as_issuer([&](IssuedReports& issued, const Principal& who) -> Result<reports::Report> {
      LEU_GET(type, report_type(a.type));
      LEU_GET(set, field_values(a.set));
      return issued.correct(who, {.type = type,
                                  .mba = a.mba,
                                  .report = a.number,
                                  .line = a.line,
                                  .remove = a.remove,
                                  .set = set,
                                  .reason = a.reason});
    });
  });
  auto* list = report->add_subcommand("issued", "list the issued reports and what corrected them");
  list->add_option("--mba", a.mba, "MBA code (default: all)");
  list->add_option("--type", a.type, "icr, pil or mbr (default: all)")->check(CLI::IsMember({"icr", "pil", "mbr"}));
  list->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      std::string type;
      if (!a.type.empty()) {
        LEU_GET(t, report_type(a.type));
        type = std::string(reports::report_type_key(t));
      }
      LEU_GET(items, IssuedReports(**j).list(a.mba, type));
      std::cout << fmt::format("{:<5} {:<4} {:>6} {:<10} {:<10} {:<10} {:<10} {:>5}  {}\n", "MBA", "TYPE", "NUMBER",
                               "KIND", "FROM", "TO", "ISSUED", "LINES", "DELETED LINES");
      for (const auto& d : items) {
        std::string deleted;
        for (const auto& [line, by] : d["deleted"].items())
          deleted += fmt::format("{}{} (by {} line {})", deleted.empty() ? "" : ", ", line,
                                 by["report"].get<std::int64_t>(), by["line"].get<std::int64_t>());
        std::cout << fmt::format("{:<5} {:<4} {:>6} {:<10} {:<10} {:<10} {:<10} {:>5}  {}\n",
                                 d["mba"].get<std::string>(), d["type"].get<std::string>(),
                                 d["number"].get<std::int64_t>(), d["kind"].get<std::string>(),
                                 d["period_start"].get<std::string>(), d["period_end"].get<std::string>(),
                                 d["date"].get<std::string>(), d["lines"].get<std::size_t>(), deleted);
      }
      return {};
    };
  });
  auto* show = report->add_subcommand("show", "an issued report as it was issued");
  common(show);
  show->add_option("type", a.type, "icr, pil or mbr")->required()->check(CLI::IsMember({"icr", "pil", "mbr"}));
  show->add_option("--number", a.number, "the report number")->required();
  show->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      LEU_GET(type, report_type(a.type));
      LEU_GET(r, IssuedReports(**j).get(a.mba, type, a.number));
      return emit(r, a, **j);
    };
  });

  auto* parse = report->add_subcommand("parse", "check a labelled report file; name the line and field of each error");
  parse->add_option("file", a.file, "the report file (- = standard input)")->required();
  parse->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto text = read_input(a.file);
      if (!text) return std::unexpected(text.error());
      // Against the profile in force of the database named by --db; a file checked away from any database (no
      // --db, not even $LEUBANK_DB) against the default profile.
      reports::Profile profile = reports::default_profile();
      if (app.get_option("--db")->count() > 0) {
        auto j = ctx.journal();
        if (!j) return std::unexpected(j.error());
        LEU_GET(in_force, profile_in_force(**j));
        profile = std::move(in_force);
      }
      auto r = reports::parse_labelled(*text, profile);
      if (!r) return std::unexpected(r.error());
      std::cout << fmt::format("{}: a valid {} of MBA {}, report {}, {} lines\n", a.file,
                               std::string(1, reports::report_type_letter(r->header.type)), r->header.mba,
                               r->header.report_number, r->lines.size());
      return {};
    };
  });
}

}  // namespace leu::cli
