//! Turning drafts into valid plans: every rule, and the field each refusal names.

use paper_trading::{
    AccountId, FieldProblem, InvalidNumber, PlanError, RiskAmount, Side, TradePlan, TradePlanDraft, TradeType,
};

use crate::fixtures::*;

fn refusal(draft: &TradePlanDraft) -> PlanError {
    match TradePlan::from_draft(draft) {
        Ok(plan) => panic!("accepted {plan:?}"),
        Err(error) => error,
    }
}

#[test]
fn accepts_single_pair_and_basket_plans() -> TestResult {
    let single = plan(&draft("single", vec![leg("btcusdt", "long", "0.5", "60000")]))?;
    assert_eq!(single.trade_type(), TradeType::Single);
    assert_eq!(single.account_id(), &AccountId::default());
    assert_eq!(single.legs()[0].symbol, symbol("BTCUSDT"));

    let pair =
        plan(&draft("pair", vec![leg("ETHUSDT", "long", "10", "3000"), leg("BTCUSDT", "short", "0.5", "60000")]))?;
    assert_eq!(pair.legs().iter().map(|leg| leg.side).collect::<Vec<_>>(), [Side::Long, Side::Short]);

    let basket = plan(&draft(
        "basket",
        vec![
            leg("BTCUSDT", "long", "1", "60000"),
            leg("ETHUSDT", "long", "1", "3000"),
            leg("SOLUSDT", "short", "1", "100"),
        ],
    ))?;
    assert_eq!(
        basket.symbols().cloned().collect::<Vec<_>>(),
        [symbol("BTCUSDT"), symbol("ETHUSDT"), symbol("SOLUSDT")]
    );
    // Two legs on the same side make a valid basket.
    plan(&draft("basket", vec![leg("BTCUSDT", "long", "1", "60000"), leg("ETHUSDT", "long", "1", "3000")]))?;
    Ok(())
}

#[test]
fn keeps_every_field_of_the_draft() -> TestResult {
    let mut draft = draft("single", vec![leg("BTCUSDT", "short", "0.25", "61000")]);
    draft.account_id = Some("swing".to_owned());
    draft.strategy_tag = "  breakdown ".to_owned();
    draft.max_risk_amount = Some("500".to_owned());
    draft.legs[0].stop_price = Some("62000".to_owned());
    draft.legs[0].target_price = Some("58000.5".to_owned());
    let plan = plan(&draft)?;
    assert_eq!(plan.account_id().as_str(), "swing");
    assert_eq!(plan.strategy_tag(), "breakdown");
    assert_eq!(plan.thesis(), "a thesis");
    assert_eq!(plan.invalidation(), "an invalidation");
    assert_eq!(plan.max_risk_amount(), Some(RiskAmount::parse("500")?));
    let leg = &plan.legs()[0];
    assert_eq!(leg.planned_quantity.value(), d("0.25"));
    assert_eq!(leg.planned_entry_price.value(), d("61000"));
    assert_eq!(leg.stop_price.map(|price| price.value()), Some(d("62000")));
    assert_eq!(leg.target_price.map(|price| price.value()), Some(d("58000.5")));
    Ok(())
}

#[test]
fn refuses_leg_counts_that_do_not_suit_the_trade_type() {
    let one = || vec![leg("BTCUSDT", "long", "1", "60000")];
    let two = || vec![leg("BTCUSDT", "long", "1", "60000"), leg("ETHUSDT", "short", "1", "3000")];
    let three = || {
        vec![
            leg("BTCUSDT", "long", "1", "60000"),
            leg("ETHUSDT", "short", "1", "3000"),
            leg("SOLUSDT", "short", "1", "100"),
        ]
    };
    let cases = [
        ("single", vec![], TradeType::Single, 0),
        ("single", two(), TradeType::Single, 2),
        ("pair", one(), TradeType::Pair, 1),
        ("pair", three(), TradeType::Pair, 3),
        ("basket", vec![], TradeType::Basket, 0),
        ("basket", one(), TradeType::Basket, 1),
    ];
    for (trade_type_name, legs, trade_type, count) in cases {
        let error = refusal(&draft(trade_type_name, legs));
        assert_eq!(error, PlanError::WrongLegCount { trade_type, count });
        assert_eq!(error.field(), "legs");
    }
    assert_eq!(refusal(&draft("pair", one())).to_string(), "legs: a pair plan needs exactly two legs, got 1");
}

#[test]
fn refuses_a_pair_on_one_side() {
    for side in ["long", "short"] {
        let error =
            refusal(&draft("pair", vec![leg("ETHUSDT", side, "10", "3000"), leg("BTCUSDT", side, "0.5", "60000")]));
        assert!(matches!(error, PlanError::PairLegsOnSameSide { .. }), "{error}");
        assert_eq!(error.field(), "legs[1].side");
    }
}

#[test]
fn refuses_a_symbol_in_two_legs() {
    // Also for a pair on opposite sides: long and short one symbol nets to nothing.
    let error =
        refusal(&draft("pair", vec![leg("BTCUSDT", "long", "1", "60000"), leg("btcusdt", "short", "1", "60000")]));
    assert_eq!(error, PlanError::RepeatedSymbol { index: 1, first_index: 0, symbol: symbol("BTCUSDT") });
    assert_eq!(error.field(), "legs[1].symbol");

    let error = refusal(&draft(
        "basket",
        vec![
            leg("BTCUSDT", "long", "1", "60000"),
            leg("ETHUSDT", "long", "1", "3000"),
            leg("ETHUSDT", "long", "2", "3000"),
        ],
    ));
    assert_eq!(error.field(), "legs[2].symbol");
}

/// A change that makes one field of a valid draft invalid.
type Spoil = fn(&mut TradePlanDraft);

#[test]
fn names_the_field_of_each_bad_value() {
    let base = || draft("basket", vec![leg("BTCUSDT", "long", "1", "60000"), leg("ETHUSDT", "short", "2", "3000")]);
    let cases: Vec<(&str, Spoil)> = vec![
        ("account_id", |draft| draft.account_id = Some("paper main".to_owned())),
        ("trade_type", |draft| draft.trade_type = "spread".to_owned()),
        ("strategy_tag", |draft| draft.strategy_tag = "x".repeat(65)),
        ("thesis", |draft| draft.thesis = "x".repeat(4001)),
        ("invalidation", |draft| draft.invalidation = "\u{0}".to_owned()),
        ("max_risk_amount", |draft| draft.max_risk_amount = Some("0".to_owned())),
        ("legs[1].symbol", |draft| draft.legs[1].symbol = "ETH-USDT".to_owned()),
        ("legs[0].side", |draft| draft.legs[0].side = "buy".to_owned()),
        ("legs[1].planned_quantity", |draft| draft.legs[1].planned_quantity = "0".to_owned()),
        ("legs[1].planned_quantity", |draft| draft.legs[1].planned_quantity = "-2".to_owned()),
        ("legs[0].planned_quantity", |draft| draft.legs[0].planned_quantity = "lots".to_owned()),
        ("legs[0].planned_entry_price", |draft| draft.legs[0].planned_entry_price = "0".to_owned()),
        ("legs[1].planned_entry_price", |draft| draft.legs[1].planned_entry_price = "-3000".to_owned()),
        ("legs[0].stop_price", |draft| draft.legs[0].stop_price = Some("-1".to_owned())),
        ("legs[1].target_price", |draft| draft.legs[1].target_price = Some("0".to_owned())),
    ];
    for (field, spoil) in cases {
        let mut draft = base();
        spoil(&mut draft);
        let error = refusal(&draft);
        assert_eq!(error.field(), field, "{error}");
        assert!(matches!(error, PlanError::InvalidField { .. }), "{error}");
        assert!(error.to_string().starts_with(&format!("{field}: ")), "{error}");
    }
}

#[test]
fn says_why_a_number_was_refused() {
    let mut draft = draft("single", vec![leg("BTCUSDT", "long", "0", "60000")]);
    let error = refusal(&draft);
    assert_eq!(
        error,
        PlanError::InvalidField {
            field: "legs[0].planned_quantity".to_owned(),
            problem: FieldProblem::Number(InvalidNumber::NotPositive(d("0"))),
        }
    );
    assert_eq!(error.to_string(), "legs[0].planned_quantity: must be greater than zero, got 0");
    draft.legs[0].planned_quantity = "0.123456789".to_owned();
    assert_eq!(
        refusal(&draft).to_string(),
        "legs[0].planned_quantity: must have at most 8 decimal places, got 0.123456789"
    );
}

#[test]
fn reads_drafts_from_json_with_numbers_or_strings() -> TestResult {
    let json = r#"{
        "trade_type": "pair",
        "strategy_tag": "relative-value",
        "thesis": "eth outperforms",
        "invalidation": "ratio below 0.05",
        "max_risk_amount": 250,
        "legs": [
            {"symbol": "ETHUSDT", "side": "long", "planned_quantity": 10, "planned_entry_price": "3000.5", "stop_price": 2900},
            {"symbol": "BTCUSDT", "side": "short", "planned_quantity": 0.5, "planned_entry_price": 60000, "target_price": null}
        ]
    }"#;
    let draft: TradePlanDraft = serde_json::from_str(json)?;
    assert_eq!(draft.account_id, None);
    assert_eq!(draft.legs[1].planned_quantity, "0.5");
    let plan = plan(&draft)?;
    assert_eq!(plan.max_risk_amount().map(RiskAmount::value), Some(d("250")));
    assert_eq!(plan.legs()[0].stop_price.map(|price| price.value()), Some(d("2900")));
    Ok(())
}

#[test]
fn round_trips_a_plan_through_json_and_rechecks_it() -> TestResult {
    let mut draft = draft("pair", vec![leg("ETHUSDT", "long", "10", "3000"), leg("BTCUSDT", "short", "0.5", "60000")]);
    draft.max_risk_amount = Some("250".to_owned());
    draft.legs[0].stop_price = Some("2900".to_owned());
    let plan = plan(&draft)?;
    let json = serde_json::to_string(&plan)?;
    assert_eq!(serde_json::from_str::<TradePlan>(&json)?, plan);
    // A stored plan that breaks a rule does not read back.
    let same_side = json.replace(r#""side":"short""#, r#""side":"long""#);
    assert!(serde_json::from_str::<TradePlan>(&same_side).is_err());
    Ok(())
}
