// End-to-end tests of the leubank command: real binary, real SQLite files, exit
// codes and messages of the CLI contract (README.md), and "bad input changes
// nothing": each refused command leaves the journal head as it was.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "testing/temp_dir.hpp"

namespace {

using leu::testing::TempDir;
using ::testing::HasSubstr;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string binary() {
  const char* bin = std::getenv("LEUBANK_BIN");
  return bin ? bin : "leubank";
}

class Cli : public ::testing::Test {
 protected:
  // Runs `leubank --db <db> ARGS`; ARGS is passed to the shell as written.
  Outcome run(const std::string& args, const std::string& env = "") {
    const std::string out = dir_.path("stdout"), err = dir_.path("stderr");
    const std::string cmd =
        env + " " + binary() + " --db " + db_ + " " + args + " >" + out + " 2>" + err + " </dev/null";
    const int status = std::system(cmd.c_str());
    return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_.path(name)) << text; }

  // The head as `verify` prints it: "head event N <hash>".
  std::string head() {
    const Outcome r = run("verify");
    std::smatch m;
    static const std::regex kHead("head event ([0-9]+ [0-9a-f]{64})");
    EXPECT_TRUE(std::regex_search(r.out, m, kHead)) << r.out << r.err;
    return m.size() > 1 ? m[1].str() : "";
  }

  void make_demo() { ASSERT_EQ(run("demo").code, 0); }

  // data/facilities/example-registry.json (MBA XFA1, its report profile overlay and methods table) with an operator
  // "op" and one cylinder, X-1, received into XFA1 today.
  void make_registry_with_one_cylinder();

  TempDir dir_;
  std::string db_ = dir_.path("bank.db");
};

// Today's UTC date: after the demo's last closed period (31 December of last year).
std::string today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd(now);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

constexpr const char* kHeader =
    "cylinder_id,supplier,shipper_batch,shipper,gross_kg,tare_kg,u235_wt_pct,declared_u_kg,declared_u235_kg,"
    "recertified_on,received_on\n";

// A valid line for a cylinder that is not in the demo.
std::string line(const std::string& id, const std::string& gross = "2850.5", const std::string& tare = "635.2",
                 const std::string& u235 = "4.90", const std::string& received = today()) {
  return id + ",Orano Cycle,B21-01,FR," + gross + "," + tare + "," + u235 + ",1497.1,73.36,2019-05-01," + received +
         "\n";
}

void Cli::make_registry_with_one_cylinder() {
  const std::string facility = std::string(LEUBANK_SOURCE_DIR) + "/data/facilities/example-registry.json";
  ASSERT_EQ(run("init --admin root --facility " + facility).code, 0);
  ASSERT_EQ(run("--as root user add op --role operator").code, 0);
  const std::string header = std::string(kHeader).substr(0, std::string(kHeader).size() - 1) + ",mba\n";
  write("in.csv", header + line("X-1").substr(0, line("X-1").size() - 1) + ",XFA1\n");
  ASSERT_EQ(run("--as op receive " + dir_.path("in.csv")).code, 0);
}

TEST_F(Cli, DemoBuildsSixtyCylindersAboutNinetyTonnesAndVerifies) {
  const Outcome r = run("demo");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Total: 60 cylinders"));
  EXPECT_THAT(r.out, HasSubstr("journal verified"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("([0-9]+\\.[0-9]{3}) t U")));
  const double tonnes = std::stod(m[1].str());
  EXPECT_GT(tonnes, 89.0);  // the bank holds "about 90 t U" (leu-bank.md §7)
  EXPECT_LT(tonnes, 91.0);
}

TEST_F(Cli, DatabaseComesFromDbThenEnvironmentThenDefault) {
  make_demo();
  const std::string other = dir_.path("other.db");
  // --db wins over LEUBANK_DB.
  EXPECT_EQ(run("inventory", "LEUBANK_DB=" + other).code, 0);
  // Without --db, LEUBANK_DB is used: the other file does not exist.
  const std::string cmd = "LEUBANK_DB=" + other + " " + binary() + " inventory >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

TEST_F(Cli, UsageErrorsExitOne) {
  EXPECT_EQ(run("no-such-command").code, 1);
  EXPECT_EQ(run("inventory --format yaml").code, 1);
  EXPECT_EQ(run("move --cylinder X").code, 1);  // --to is required
}

TEST_F(Cli, InventoryAsOfRebuildsThePast) {
  make_demo();
  const Outcome before = run("inventory --as-of 2019-10-16");
  ASSERT_EQ(before.code, 0) << before.err;
  EXPECT_THAT(before.out, HasSubstr("Total: 0 cylinders"));
  EXPECT_THAT(run("inventory --as-of 2019-10-17").out, HasSubstr("Total: 32 cylinders"));
  EXPECT_THAT(run("inventory --as-of 2019-12-10").out, HasSubstr("Total: 60 cylinders"));
  EXPECT_EQ(run("inventory --as-of 2019-13-01").code, 2);
}

TEST_F(Cli, InventoryFormatsAgreeOnTheCylinderCount) {
  make_demo();
  const Outcome csv = run("inventory --format csv");
  ASSERT_EQ(csv.code, 0);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 61);  // header + 60
  const Outcome json = run("inventory --format json");
  ASSERT_EQ(json.code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"items\": 60"));
  EXPECT_THAT(json.out, HasSubstr("\"items_match_balances\": true"));
}

TEST_F(Cli, OperatorMovesACylinderAndTheJournalRecordsIt) {
  make_demo();
  const Outcome r = run("--as olga move --cylinder DEMO-OR-05 --to R10-01 --date 2021-01-05");
  ASSERT_EQ(r.code, 0) << r.err;
  const Outcome j = run("journal --format json");
  EXPECT_THAT(j.out, HasSubstr("\"from\":\"R01-05\",\"item\":\"DEMO-OR-05\",\"to\":\"R10-01\""));
  EXPECT_EQ(run("verify").code, 0);
}

// Each refused command: exit 2, a message naming the input, and no change.
struct BadCase {
  const char* name;
  std::string args;
  std::string expected_message;
};

class CliRejects : public Cli, public ::testing::WithParamInterface<BadCase> {};

TEST_P(CliRejects, WithExitTwoAMessageAndNoChange) {
  make_demo();
  write("dup.csv", std::string(kHeader) + line("NEW-01") + line("NEW-01"));
  write("known.csv", std::string(kHeader) + line("DEMO-OR-01"));
  write("overfill.csv", std::string(kHeader) + line("NEW-02", "2913.000001", "635.999"));
  write("enriched.csv", std::string(kHeader) + line("NEW-03", "2850.5", "635.2", "4.951"));
  write("tare.csv", std::string(kHeader) + line("NEW-04", "600", "635.2"));
  write("zero.csv", std::string(kHeader) + line("NEW-05", "0", "635.2"));
  write("future.csv", std::string(kHeader) + line("NEW-06", "2850.5", "635.2", "4.90", "2999-01-01"));
  write("malformed.csv", std::string(kHeader) + line("NEW-07") + line("NEW-08", "28x0.5"));
  write("closed.csv", std::string(kHeader) + line("NEW-10", "2850.5", "635.2", "4.90", "2021-03-01"));
  write("sum.csv",
        "cylinder_id,supplier,shipper_batch,shipper,gross_kg,tare_kg,u234_wt_pct,u235_wt_pct,u236_wt_pct,"
        "u238_wt_pct,declared_u_kg,declared_u235_kg,recertified_on,received_on\n"
        "NEW-09,Orano,B1,FR,2850,635,0.04,4.9,0,95.0,1497,73,2019-05-01,2021-03-01\n");
  const std::string before = head();
  const BadCase& c = GetParam();
  std::string args = c.args;
  for (std::size_t at; (at = args.find("{dir}")) != std::string::npos;) args.replace(at, 5, dir_.path(""));
  const Outcome r = run(args);
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr(c.expected_message));
  EXPECT_THAT(r.err, HasSubstr("nothing was changed"));
  EXPECT_EQ(head(), before);
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, CliRejects,
    ::testing::Values(
        BadCase{"UnknownCylinder", "--as olga move --cylinder NOPE --to R1", "unknown cylinder 'NOPE'"},
        BadCase{"DuplicateInListing", "--as olga receive {dir}dup.csv", "duplicate cylinder id 'NEW-01'"},
        BadCase{"DuplicateInBooks", "--as olga receive {dir}known.csv", "already in the books"},
        BadCase{"OverFillLimit", "--as olga receive {dir}overfill.csv", "exceeds the 30B fill limit of 2277 kg"},
        BadCase{"OverEnrichmentLimit", "--as olga receive {dir}enriched.csv", "exceeds the limit of 4.95 %"},
        BadCase{"IsotopicsDoNotSum", "--as olga receive {dir}sum.csv", "not 100 %"},
        BadCase{"ZeroMass", "--as olga receive {dir}zero.csv", "column 'gross_kg': must be greater than zero"},
        BadCase{"TareAboveGross", "--as olga receive {dir}tare.csv", "is not below the gross"},
        BadCase{"FutureReceipt", "--as olga receive {dir}future.csv", "is in the future"},
        BadCase{"MalformedCsv", "--as olga receive {dir}malformed.csv", "line 3, column 'gross_kg'"},
        BadCase{"ReceiptInAClosedPeriod", "--as olga receive {dir}closed.csv",
                "lies in the balance period of KZBK closed on 2021-12-31"},
        BadCase{"LossInAClosedPeriod",
                "--as aigerim loss --cylinder DEMO-OR-01 --uf6 1 --reason leak --date 2024-02-01",
                "lies in the balance period of KZBK closed on 2024-12-31"},
        BadCase{"ShipTwice", "--as olga ship --cylinder DEMO-OR-01 --cylinder DEMO-OR-01 --to AM", "named twice"},
        BadCase{"SealInUse", "--as ingrid seal apply --seal DEMO-IAEA-00001 --cylinder DEMO-OR-02",
                "already in use on cylinder 'DEMO-OR-01'"},
        BadCase{"FutureEvent", "--as olga move --cylinder DEMO-OR-01 --to R1 --date 2999-01-01", "in the future"},
        BadCase{"BeforeLastEvent", "--as olga move --cylinder DEMO-OR-01 --to R1 --date 2019-01-01",
                "before the cylinder's last event"},
        BadCase{"UnknownUser", "--as nobody move --cylinder DEMO-OR-01 --to R1", "unknown user 'nobody'"},
        BadCase{"NoUser", "move --cylinder DEMO-OR-01 --to R1", "pass --as USER"},
        BadCase{"RoleNotAllowed", "--as admin move --cylinder DEMO-OR-01 --to R1", "may not move"},
        BadCase{"InspectorCannotShip", "--as ingrid ship --cylinder DEMO-OR-01 --to AM", "may not ship"},
        BadCase{"LossAboveContent", "--as aigerim loss --cylinder DEMO-OR-01 --uf6 9999 --reason leak",
                "more than the"}),
    [](const ::testing::TestParamInfo<BadCase>& p) { return std::string(p.param.name); });

TEST_F(Cli, ShippingACylinderNotOnHandIsRefused) {
  make_demo();
  ASSERT_EQ(run("--as olga ship --cylinder DEMO-OR-01 --to AM").code, 0);
  const std::string before = head();
  const Outcome r = run("--as olga ship --cylinder DEMO-OR-01 --to AM");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot ship: cylinder 'DEMO-OR-01' is not on hand (shipped)"));
  EXPECT_EQ(head(), before);
}

TEST_F(Cli, AFileThatIsNotALeubankDatabaseIsRefused) {
  std::ofstream(db_) << "just some text, not a database\n";
  const Outcome r = run("inventory");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("is not a leubank database"));
  EXPECT_EQ(slurp(db_), "just some text, not a database\n");
}

TEST_F(Cli, ADatabaseWithANewerSchemaIsRefused) {
  make_demo();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const Outcome r = run("inventory");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("schema version 99, newer than this program's"));
}

TEST_F(Cli, VerifyExitsThreeAndNamesTheEventWhenTheJournalWasAltered) {
  make_demo();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE journal SET actor = 'mallory' WHERE seq = 17", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const Outcome r = run("verify");
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.out, HasSubstr("INTEGRITY FAILURE at event 17"));
}

TEST_F(Cli, RebuildRestoresAProjectionEditedBehindTheJournalsBack) {
  make_demo();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE projection SET doc = replace(doc, '\"position\":\"R01-03\"', '\"position\":\"X\"') "
                         "WHERE kind = 'item' AND key = 'DEMO-OR-03'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const Outcome broken = run("verify");
  EXPECT_EQ(broken.code, 3);
  EXPECT_THAT(broken.out, HasSubstr("projection item 'DEMO-OR-03'"));
  EXPECT_THAT(broken.out, HasSubstr("field 'position': stored \"X\", journal gives \"R01-03\""));
  EXPECT_EQ(run("--as olga rebuild").code, 2);  // only an admin may rebuild
  ASSERT_EQ(run("--as admin rebuild").code, 0);
  EXPECT_EQ(run("verify").code, 0);
}

TEST_F(Cli, AdminManagesUsersButCannotTouchMaterial) {
  make_demo();
  ASSERT_EQ(run("--as admin user add nadia --role operator").code, 0);
  EXPECT_EQ(run("--as nadia move --cylinder DEMO-KZ-01 --to R10-02 --date 2021-02-01").code, 0);
  ASSERT_EQ(run("--as admin user disable nadia").code, 0);
  const Outcome r = run("--as nadia move --cylinder DEMO-KZ-01 --to R10-03 --date 2021-02-02");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("disabled"));
  EXPECT_EQ(run("--as admin user add bad --role wizard").code, 2);
}

TEST_F(Cli, APhysicalInventoryWithAMissingCylinderClosesWithAnAnomalyToExplainBeforeSignOff) {
  make_demo();
  // Every cylinder but DEMO-OR-09.
  std::string found = "item,seal_intact\n";
  for (int i = 1; i <= 32; ++i)
    if (i != 9) found += (i < 10 ? "DEMO-OR-0" : "DEMO-OR-") + std::to_string(i) + ",yes\n";
  for (int i = 1; i <= 28; ++i) found += (i < 10 ? "DEMO-KZ-0" : "DEMO-KZ-") + std::to_string(i) + ",yes\n";
  write("found.csv", found);
  ASSERT_EQ(run("--as olga inventory-taking --mba KZBK --date " + today() + " --found " + dir_.path("found.csv")).code,
            0);
  const Outcome closed = run("--as aigerim period close --mba KZBK --date " + today());
  ASSERT_EQ(closed.code, 0) << closed.err;
  EXPECT_THAT(closed.out, HasSubstr("missing_item"));
  EXPECT_THAT(closed.out, HasSubstr("DEMO-OR-09 is on the book but was not found"));
  const Outcome sign = run("--as aigerim period sign --mba KZBK --date " + today());
  EXPECT_EQ(sign.code, 2);
  EXPECT_THAT(sign.err, HasSubstr("must be explained"));
  for (const char* a : {"A1", "A2"})
    ASSERT_EQ(run("--as aigerim period explain --mba KZBK --date " + today() + " --anomaly " + a +
                  " --text 'cylinder in the weighing bay, found on recount'")
                  .code,
              0);
  EXPECT_EQ(run("--as aigerim period sign --mba KZBK --date " + today()).code, 0);
  EXPECT_EQ(run("verify").code, 0);
}

TEST_F(Cli, APhysicalInventoryListingAnUnknownItemIsRefused) {
  make_demo();
  write("found.csv", "item,seal_intact\nNO-SUCH-01,yes\n");
  const std::string before = head();
  const Outcome r =
      run("--as olga inventory-taking --mba KZBK --date " + today() + " --found " + dir_.path("found.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown item 'NO-SUCH-01'"));
  EXPECT_EQ(head(), before);
}

TEST_F(Cli, ACylinderReweighedAtAnInventoryTakingNamesItsMethodAndCalibrationPeriod) {
  make_demo();
  // DEMO-OR-01 re-weighed with its row naming the weighing; DEMO-OR-02 re-weighed with blank method and calibration.
  std::string found = "item,seal_intact,position,net_uf6_kg,method,calibration\n";
  for (int i = 1; i <= 32; ++i) {
    const std::string id = (i < 10 ? "DEMO-OR-0" : "DEMO-OR-") + std::to_string(i);
    found += id + (i == 1 ? ",yes,,2200.000,load cells,LC-2026\n" : i == 2 ? ",yes,,2201.000,,\n" : ",yes,,,,\n");
  }
  for (int i = 1; i <= 28; ++i) found += (i < 10 ? "DEMO-KZ-0" : "DEMO-KZ-") + std::to_string(i) + ",yes\n";
  write("found.csv", found);
  const std::string take =
      "--as olga inventory-taking --mba KZBK --date " + today() + " --found " + dir_.path("found.csv");
  const std::string before = head();
  const Outcome refused = run(take + " --method 'load cells'");  // DEMO-OR-02's calibration period is not named
  EXPECT_EQ(refused.code, 2);
  EXPECT_THAT(refused.err, HasSubstr("found[1].calibration"));
  EXPECT_EQ(head(), before);
  ASSERT_EQ(run(take + " --method 'load cells' --calibration LC-2026-B").code, 0);
  const Outcome j = run("journal --format json");
  EXPECT_THAT(j.out, HasSubstr(R"("calibration":"LC-2026","item":"DEMO-OR-01","method":"load cells")"));
  EXPECT_THAT(j.out, HasSubstr(R"("calibration":"LC-2026-B","item":"DEMO-OR-02","method":"load cells")"));
  EXPECT_EQ(run("verify").code, 0);
}

TEST_F(Cli, ReportsComeOutInEveryFormatAndTheLabelledOneParsesBack) {
  make_demo();
  const std::string text = dir_.path("mbr.txt");
  ASSERT_EQ(run("--as aigerim report mbr --mba KZBK --date 2019-12-31 --output " + text).code, 0);
  const Outcome parsed = run("report parse " + text);
  EXPECT_EQ(parsed.code, 0) << parsed.err;
  EXPECT_THAT(parsed.out, HasSubstr("a valid M of MBA KZBK, report 1, 7 lines"));
  EXPECT_THAT(run("report icr --mba KZBK --month 2019-10 --format csv").out, HasSubstr("RF"));
  EXPECT_THAT(run("report pil --mba KZBK --date 2019-12-31 --format json").out, HasSubstr("\"element_weight_mg\""));
  const std::string xlsx = dir_.path("mbr.xlsx");
  ASSERT_EQ(run("report mbr --mba KZBK --date 2019-12-31 --format xlsx --output " + xlsx).code, 0);
  EXPECT_EQ(slurp(xlsx).substr(0, 2), "PK");  // a zip container, as XLSX is
  // A report for a period not closed, and an altered report file, are refused.
  EXPECT_EQ(run("report mbr --mba KZBK --date " + today()).code, 2);
  std::string altered = slurp(text);
  altered.replace(altered.find("IC_CODE=PB"), 10, "IC_CODE=XX");
  write("altered.txt", altered);
  const Outcome bad = run("report parse " + dir_.path("altered.txt"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("line 2, field"));
}

TEST_F(Cli, IssuedReportsAreNumberedRefusedTwiceAndCorrectedWithDeleteAndAddLines) {
  make_demo();
  ASSERT_EQ(run("--as aigerim report issue icr --mba KZBK --month 2019-10").code, 0);
  const std::string before = head();
  const Outcome twice = run("--as aigerim report issue icr --mba KZBK --month 2019-10");
  EXPECT_EQ(twice.code, 2);
  EXPECT_THAT(twice.err, HasSubstr("issued as ICR 1"));
  const Outcome in_place =
      run("--as aigerim report correct icr --mba KZBK --report 1 --line 3 --set batch=X-1 "
          "--reason wrong");
  EXPECT_EQ(in_place.code, 2);
  EXPECT_THAT(in_place.err, HasSubstr("batch: cannot be corrected in place"));
  const Outcome no_line = run("--as aigerim report correct icr --mba KZBK --report 1 --line 33 --delete --reason x");
  EXPECT_EQ(no_line.code, 2);
  EXPECT_THAT(no_line.err, HasSubstr("there is no line 33"));
  EXPECT_EQ(run("--as olga report issue icr --mba KZBK --month 2019-12").code, 2);  // not the accountant
  EXPECT_EQ(head(), before);
  const std::string text = dir_.path("fix.txt");
  const Outcome fix =
      run("--as aigerim report correct icr --mba KZBK --report 1 --line 2 --set measurement_basis=N "
          "--reason 'basis misreported' --output " +
          text);
  ASSERT_EQ(fix.code, 0) << fix.err;
  EXPECT_THAT(slurp(text), HasSubstr(";CORRECTION=D;PREVIOUS_REPORT=1;PREVIOUS_LINE=2;COMMENT=basis misreported;"));
  EXPECT_THAT(slurp(text), HasSubstr(";MEASUREMENT=N;"));
  EXPECT_THAT(run("report parse " + text).out, HasSubstr("a valid I of MBA KZBK, report 2, 2 lines"));
  const Outcome listed = run("report issued --mba KZBK");
  EXPECT_THAT(listed.out, HasSubstr("2 (by 2 line 1)"));
  EXPECT_THAT(run("report show icr --mba KZBK --number 2 --format csv").out, HasSubstr(",A,1,2,basis misreported"));
  EXPECT_EQ(run("verify").code, 0);
}

TEST_F(Cli, AFacilityDefinedAsDataTakesReceiptsIntoItsNamedMbas) {
  const std::string facility = std::string(LEUBANK_SOURCE_DIR) + "/data/facilities/example-registry.json";
  ASSERT_EQ(run("init --admin root --facility " + facility).code, 0);
  ASSERT_EQ(run("--as root user add op --role operator").code, 0);
  const std::string header = std::string(kHeader).substr(0, std::string(kHeader).size() - 1) + ",mba\n";
  write("in.csv", header + line("X-1").substr(0, line("X-1").size() - 1) + ",XCV1\n");
  write("bad.csv", header + line("X-2").substr(0, line("X-2").size() - 1) + ",NOPE\n");
  ASSERT_EQ(run("--as op receive " + dir_.path("in.csv")).code, 0);
  EXPECT_THAT(run("book --mba XCV1").out, HasSubstr("1 items"));
  EXPECT_THAT(run("book --mba XFA1").out, HasSubstr("no inventory changes"));
  const Outcome bad = run("--as op receive " + dir_.path("bad.csv"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("unknown MBA 'NOPE'"));
}

TEST_F(Cli, AnInvalidFacilityDefinitionCreatesNoDatabase) {
  write("facility.json", R"({"name": "half a facility"})");
  const Outcome r = run("init --admin root --facility " + dir_.path("facility.json"));
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("field 'country'"));
  EXPECT_FALSE(std::ifstream(db_).good());
}

TEST_F(Cli, TheFacilitysReportProfileOverlayIsWhatReportsAreWrittenAndParsedWith) {
  ASSERT_NO_FATAL_FAILURE(make_registry_with_one_cylinder());
  const std::string icr = dir_.path("icr.txt");
  ASSERT_EQ(run("report icr --mba XFA1 --month " + today().substr(0, 7) + " --output " + icr).code, 0);
  EXPECT_THAT(slurp(icr), HasSubstr(";PROFILE=code10-labelled+XX;"));       // the overlay's name
  EXPECT_THAT(slurp(icr), HasSubstr(";ACCOUNTING_DATE=" + today() + ";"));  // and its date format
  const Outcome parsed = run("report parse " + icr);
  EXPECT_EQ(parsed.code, 0) << parsed.err;
  EXPECT_THAT(parsed.out, HasSubstr("a valid I of MBA XFA1, report 1, 1 lines"));
  // Without --db the file is checked against the default profile, which it does not follow.
  const std::string away = "env -u LEUBANK_DB " + binary() + " report parse " + icr + " >" + dir_.path("out") + " 2>" +
                           dir_.path("err") + " </dev/null";
  const int status = std::system(away.c_str());
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 2);
  EXPECT_THAT(slurp(dir_.path("err")), HasSubstr("line 1, field 'profile'"));
}

// A facility of one MBA (XFA1) without its closing brace, for a test to add a member to.
constexpr const char* kOneMbaFacility = R"({"name": "F", "country": "XX", "owner": "O", "operator": "P",
    "cylinder_type": "30B", "enrichment_limit_ppb": 50000000, "max_full_cylinders": 0, "note": "",
    "mbas": [{"code": "XFA1", "name": "store", "kmps": [{"code": "A", "kind": "receipt", "name": "in"},
             {"code": "B", "kind": "shipment", "name": "out"}, {"code": "1", "kind": "inventory", "name": "yard"}]}])";

TEST_F(Cli, AFacilityWhoseReportProfileOverlayIsInvalidCreatesNoDatabase) {
  write("facility.json",
        std::string(kOneMbaFacility) + R"(, "report_profile": {"rules": {"date_format": "MM/DD/YYYY"}}})");
  const Outcome r = run("init --admin root --facility " + dir_.path("facility.json"));
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("facility.report_profile/rules/date_format"));
  EXPECT_FALSE(std::ifstream(db_).good());
}

TEST_F(Cli, AFacilityWhoseMethodsTableIsInvalidCreatesNoDatabase) {
  write("facility.json", std::string(kOneMbaFacility) + R"(,
    "methods": {"format": "leubank-methods", "name": "T", "version": "1", "status": "test",
                "methods": [{"name": "scale", "measures": "UF6 mass", "random_rsd": 0.001, "systematic_rsd": "0.001",
                             "source": "test"}]}})");
  const Outcome r = run("init --admin root --facility " + dir_.path("facility.json"));
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("facility.methods: methods[0].random_rsd"));
  EXPECT_THAT(r.err, HasSubstr("decimal text"));
  EXPECT_FALSE(std::ifstream(db_).good());
}

TEST_F(Cli, AMeasurementUnderAMethodNotInTheFacilitysTableIsRefusedAndChangesNothing) {
  ASSERT_NO_FATAL_FAILURE(make_registry_with_one_cylinder());
  const std::string before = head();
  const Outcome r =
      run("--as op measure weighing --cylinder X-1 --gross 2850.5 --method 'load cell' --calibration L-1");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("method"));
  EXPECT_THAT(r.err,
              HasSubstr("\"load cell\" is not a method of the methods table in force \"XX-registry-methods 1\""));
  EXPECT_EQ(head(), before);
  // The State's own method, which the default table does not know, is recorded.
  const Outcome ok =
      run("--as op measure weighing --cylinder X-1 --gross 2850.5 --method 'platform scale XX-1' --calibration P-1");
  EXPECT_EQ(ok.code, 0) << ok.err;
}

}  // namespace
