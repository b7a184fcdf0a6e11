// MAPIT parity on MAPIT's own example data (../shared/peer-data/mapit): the reader, the period rule, the pulse
// integration, where MAPIT's covariance is and is not positive definite, and where the default (textbook) mode
// differs from the compatibility mode — each against the facts stated in statistics.md §2–3. MAPIT's own output
// numbers are not in the peer data; these are the checks its documented behaviour allows.
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>

#include "mapit/mapit_reader.hpp"
#include "stats/sequence_analysis.hpp"

namespace leu::mapit {
namespace {

const std::string kDir = LEUBANK_SOURCE_DIR "/../shared/peer-data/mapit";

class MapitParity : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kDir + "/API_data")) GTEST_SKIP() << "MAPIT peer data not found at " << kDir;
    auto d = read_mapit_dataset(kDir);
    ASSERT_TRUE(d) << d.error().describe();
    data_ = std::move(*d);
  }
  stats::ErrorTable errors() const { return stats::uniform_errors(data_, 0.005, 0.005); }  // MAPIT's API example
  stats::MapitDataset data_;
};

TEST_F(MapitParity, ReadsTheDocumentedLayout) {
  // statistics.md §2.1: 2 inputs (130,049 and 86,781 samples, 129 … 6466.997 h), 26 inventories of 6,481 samples.
  ASSERT_EQ(data_.inputs.size(), 2u);
  EXPECT_EQ(data_.inputs[0].time.size(), 130'049u);
  EXPECT_EQ(data_.inputs[1].time.size(), 86'781u);
  EXPECT_DOUBLE_EQ(data_.inputs[0].time.front(), 129);
  EXPECT_NEAR(data_.inputs[0].time.back(), 6466.997, 1e-3);  // printed to 3 decimals in §2.1
  ASSERT_EQ(data_.inventories.size(), 26u);
  for (const auto& s : data_.inventories) {
    EXPECT_EQ(s.time.size(), 6'481u) << s.name;
    EXPECT_EQ(s.value.front(), 0.0) << s.name;  // C_l(0) = 0 for all
  }
  EXPECT_TRUE(data_.outputs.empty());  // the output files are missing from the peer data (NOTICE)
  EXPECT_EQ(stats::horizon_hours(data_), 6480);
}

TEST_F(MapitParity, MatAndCsvInventoriesAreTheSameNumbers) {
  // The CSVs are printed %.18e: they round-trip doubles exactly, so the two readers must agree bit for bit.
  auto csv = read_mapit_dataset(kDir, Source::kCsv);
  ASSERT_TRUE(csv) << csv.error().describe();
  ASSERT_EQ(csv->inventories.size(), data_.inventories.size());
  for (std::size_t l = 0; l < data_.inventories.size(); ++l) {
    EXPECT_EQ(csv->inventories[l].time, data_.inventories[l].time) << l;
    EXPECT_EQ(csv->inventories[l].value, data_.inventories[l].value) << l;
  }
}

TEST_F(MapitParity, BalanceCountsFollowMapitsPeriodRule) {
  // §2.2: T = 6480 h; MBP 416 → 15 balances, 208 → 31, 104 → 62, 52 → 124, 24 → 269.
  const std::pair<double, std::size_t> cases[] = {{416, 15}, {208, 31}, {104, 62}, {52, 124}, {24, 269}};
  for (auto [mbp, want] : cases) {
    auto m = stats::mapit_compat(data_, errors(), mbp);
    ASSERT_TRUE(m) << m.error().describe();
    EXPECT_EQ(m->balances, want) << "MBP " << mbp;
  }
}

TEST_F(MapitParity, InputZeroPulsesIntegrateAsFullOneHourRectangles) {
  // §2.1/§2.3: a 676 kg/h pulse of 1 h every 32 h from 129 h; extended pulses count 676 kg each. The closing zero sits
  // within 1e-9 h of the last non-zero sample, so each pulse may differ from 676 kg by ~676·1e-9: 1e-5 kg per window.
  for (double mbp : {416.0, 104.0, 24.0}) {
    for (int w = 0; w * mbp < 6480; ++w) {
      const double t0 = w * mbp, t1 = (w + 1) * mbp;
      int pulses = 0;
      for (int k = 0; k < 199; ++k) pulses += (129.0 + 32 * k >= t0 && 129.0 + 32 * k <= t1);
      const auto f =
          stats::integrate_flow(data_.inputs[0], t0, t1, stats::FlowRule::kMapitPulse, stats::Window::kClosed);
      ASSERT_NEAR(f.total, 676.0 * pulses, 1e-5) << "MBP " << mbp << " window " << w;
    }
  }
}

TEST_F(MapitParity, MapitCovarianceIsPositiveDefiniteExactlyWhereStatisticsMdSays) {
  // §3 #2: MAPIT's Σ factorises at MBP 416 and 208; at ≤ 104 the first balance has no activity (zero row); at 52 it
  // is indefinite even without that row. Eigenvalues below -1e-9 × the largest count as negative (rounding is ~1e-16).
  auto negative_without_first = [&](const Eigen::MatrixXd& c) {
    const Eigen::Index n = c.rows() - 1;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(c.bottomRightCorner(n, n));
    return es.eigenvalues().minCoeff() < -1e-9 * es.eigenvalues().maxCoeff();
  };
  for (double mbp : {416.0, 208.0}) {
    auto m = stats::mapit_compat(data_, errors(), mbp);
    ASSERT_TRUE(m);
    EXPECT_FALSE(m->sitmuf_failure) << "MBP " << mbp;
    // SITMUF against Eigen's own Cholesky of the same matrix: s = L⁻¹(0, MUF_1 .. MUF_{P-1}).
    const Eigen::Index p = m->covariance.rows();
    Eigen::VectorXd x = Eigen::VectorXd::Zero(p);
    for (Eigen::Index i = 1; i < p; ++i) x(i) = m->muf[static_cast<std::size_t>(i - 1)];
    const Eigen::VectorXd s = m->covariance.llt().matrixL().solve(x);
    for (Eigen::Index i = 0; i < p; ++i)
      EXPECT_NEAR(m->sitmuf[static_cast<std::size_t>(i)], s(i), 1e-9 * (1 + std::abs(s(i))));
  }
  for (double mbp : {104.0, 52.0, 24.0}) {
    auto m = stats::mapit_compat(data_, errors(), mbp);
    ASSERT_TRUE(m);
    ASSERT_TRUE(m->sitmuf_failure) << "MBP " << mbp;
    EXPECT_EQ(m->sitmuf_failure->field, "balance 1");
    EXPECT_TRUE(m->sitmuf.empty());
    EXPECT_EQ(negative_without_first(m->covariance), mbp != 104.0) << "MBP " << mbp;
  }
}

TEST_F(MapitParity, DefaultModeDiffersFromMapitOnlyWhereTheTablePredicts) {
  // No boundary at these MBPs cuts a pulse and every boundary is an hourly inventory sample, so closed and half-open
  // windows hold the same samples: MUF agrees to rounding (1e-9 relative). σMUF differs (§3 #6: MAPIT drops the
  // inventory covariance term and the starting inventory's error). The textbook Σ is positive definite once the
  // inactive first period (no flows, zero inventories) is set aside, at every MBP, including 52 and 24.
  for (double mbp : {416.0, 208.0, 104.0, 52.0, 24.0}) {
    auto m = stats::mapit_compat(data_, errors(), mbp);
    auto seq = stats::textbook_sequence(data_, errors(), {.mbp = mbp, .rule = stats::FlowRule::kMapitPulse});
    ASSERT_TRUE(m);
    ASSERT_TRUE(seq) << seq.error().describe();
    auto a = stats::analyse(*seq, {.page_horizon = 10});
    ASSERT_TRUE(a) << "MBP " << mbp << ": " << a.error().describe();
    ASSERT_GE(a->rows.size(), m->balances);
    bool sigma_differs = false;
    for (std::size_t i = 0; i < m->balances; ++i) {
      EXPECT_NEAR(a->rows[i].muf, m->muf[i], 1e-9 * (1 + std::abs(m->muf[i]))) << "MBP " << mbp << " balance " << i + 1;
      sigma_differs = sigma_differs || std::abs(a->rows[i].sigma_muf - m->sigma_muf[i]) > 1e-6 * m->sigma_muf[i];
    }
    EXPECT_TRUE(sigma_differs);
    EXPECT_EQ(a->rows[0].active, mbp >= 208.0) << "MBP " << mbp;  // inputs start at 129 h
  }
}

TEST_F(MapitParity, AMissingFolderIsAClearError) {
  auto d = read_mapit_dataset(kDir + "/no-such-folder");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace leu::mapit
