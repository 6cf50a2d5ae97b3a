#!/usr/bin/env python3
"""Fits Cocare's four value models (issue 6) with statsmodels and compares them with Cocare's fit.

Usage: statsmodels_check.py DATASET_CSV COEFFICIENTS_CSV

DATASET_CSV is AnalysisDataset.toCsv(); COEFFICIENTS_CSV is MediationReport.coefficientsCsv()
(model, term, estimate, std_error). The same models are fitted here from patsy formulas, on the
rows with every column the models use (listwise deletion, as Cocare does), and every estimate and
standard error must agree to within 1e-6 (absolute). Exits 0 printing a short agreement table when
they all agree, 1 printing the rows that differ when any does, 2 when the input cannot be read.

Needs statsmodels, pandas and patsy: Debian's python3-statsmodels brings all three for
/usr/bin/python3 (a python3 earlier on the PATH may lack them).
"""

import sys

try:
    import pandas as pd
    import statsmodels.formula.api as smf
except ImportError as missing:
    print(
        f"{sys.executable} cannot import {missing.name}: the check needs statsmodels and pandas"
        " (Debian: apt-get install python3-statsmodels, then run it with /usr/bin/python3)",
        file=sys.stderr,
    )
    sys.exit(2)

TOLERANCE = 1e-6
CATEGORICAL = ["gender", "education", "visitReason", "department"]
CONTROLS = "age + " + " + ".join(f"C({c})" for c in CATEGORICAL)
MODELS = ["total", "a", "b", "moderation"]


def formulas(mediator):
    return {
        "total": f"value ~ ability + {CONTROLS}",
        "a": f"{mediator} ~ ability + {CONTROLS}",
        "b": f"value ~ ability + {mediator} + {CONTROLS}",
        # Gender's own shift is among the controls; only the interaction is added.
        "moderation": f"value ~ ability + {mediator} + {CONTROLS} + ability:male",
    }


def read(dataset_path, coefficients_path):
    # Only an empty field is missing: a level coded "NA" or "null" is a level. Round-trip float
    # parsing, so both programs fit exactly the same numbers.
    data = pd.read_csv(
        dataset_path,
        dtype={c: str for c in ["patientId"] + CATEGORICAL},
        keep_default_na=False,
        na_values=[""],
        float_precision="round_trip",
    )
    cocare = pd.read_csv(
        coefficients_path,
        dtype={"model": str, "term": str},
        keep_default_na=False,
        float_precision="round_trip",
    )
    return data, cocare


def analysed(data, mediator):
    frame = data.copy()
    for c in CATEGORICAL:
        # Cocare counts a blank trait as unknown, like an absent one.
        frame[c] = frame[c].where(frame[c].isna() | (frame[c].str.strip() != ""))
    used = ["ability", "value", mediator, "age"] + CATEGORICAL
    frame = frame.dropna(subset=used).copy()
    frame["male"] = (frame["gender"] == "male").astype(float)
    return frame


def compare(frame, cocare, mediator):
    rows = []
    problems = []
    fitted = [m for m in MODELS if (cocare["model"] == m).any()]
    unknown = sorted(set(cocare["model"]) - set(MODELS))
    if unknown:
        problems.append(f"unknown models in the coefficients: {unknown}")
    if "moderation" not in fitted and 0 < frame["male"].mean() < 1:
        problems.append("Cocare fitted no moderation model, but the data have men and others")
    for model in fitted:
        fit = smf.ols(formulas(mediator)[model], data=frame).fit()
        theirs = cocare[cocare["model"] == model].set_index("term")
        missing = sorted(set(fit.params.index) - set(theirs.index))
        extra = sorted(set(theirs.index) - set(fit.params.index))
        if missing or extra:
            problems.append(f"{model}: terms only statsmodels has {missing}, only Cocare has {extra}")
        for term in fit.params.index.intersection(theirs.index):
            rows.append(
                {
                    "model": model,
                    "term": term,
                    "cocare_estimate": theirs.at[term, "estimate"],
                    "statsmodels_estimate": fit.params[term],
                    "cocare_se": theirs.at[term, "std_error"],
                    "statsmodels_se": fit.bse[term],
                    "n": int(fit.nobs),
                }
            )
    table = pd.DataFrame(rows)
    table["estimate_diff"] = (table.cocare_estimate - table.statsmodels_estimate).abs()
    table["se_diff"] = (table.cocare_se - table.statsmodels_se).abs()
    # A NaN difference (a NaN on either side) is a disagreement too.
    table["agrees"] = (table.estimate_diff <= TOLERANCE) & (table.se_diff <= TOLERANCE)
    return table, problems


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        data, cocare = read(argv[1], argv[2])
        expected = {"model", "term", "estimate", "std_error"}
        if not expected <= set(cocare.columns) or cocare.empty:
            raise ValueError(f"coefficients need columns {sorted(expected)} and at least one row")
    except (OSError, ValueError) as e:
        print(f"cannot read the input: {e}", file=sys.stderr)
        return 2
    b_terms = set(cocare.loc[cocare["model"] == "b", "term"])
    mediator = "recordBehaviour" if "recordBehaviour" in b_terms else "behaviour"
    frame = analysed(data, mediator)
    table, problems = compare(frame, cocare, mediator)

    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.float_format", lambda v: f"{v:.3g}" if abs(v) < 1e-3 else f"{v:.6f}")
    differing = table[~table.agrees]
    if problems or not differing.empty:
        for p in problems:
            print(f"MISMATCH: {p}")
        if not differing.empty:
            print(f"{len(differing)} of {len(table)} coefficients differ by more than {TOLERANCE}:")
            print(differing.drop(columns=["agrees"]).to_string(index=False))
        return 1
    summary = table.groupby("model", sort=False).agg(
        n=("n", "first"),
        terms=("term", "count"),
        max_estimate_diff=("estimate_diff", "max"),
        max_se_diff=("se_diff", "max"),
    )
    print(f"statsmodels agrees with Cocare on all {len(table)} coefficients (mediator {mediator},"
          f" tolerance {TOLERANCE}):")
    print(summary.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
