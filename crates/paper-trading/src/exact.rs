//! Exact decimal arithmetic: sums and products that either are exact or fail.
//!
//! `rust_decimal` silently rounds a product or sum whose digits do not fit its 96-bit
//! mantissa, and panics on overflow with the plain operators. Money in this crate must
//! be exact, so every sum and product of amounts goes through these functions, which
//! work on the integer mantissas and return [`AmountOutOfRange`] instead of rounding.
//! The few deliberate roundings (fees, shares of a cost basis, averages, R multiples)
//! are explicit, name their number of decimal places, and round half away from zero.

use rust_decimal::Decimal;

/// A result that the decimal type cannot hold exactly (more than about 28 significant
/// digits). With the input bounds of this crate it needs amounts far beyond any account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("amount out of range: the result does not fit exactly in 28 decimal digits")]
pub struct AmountOutOfRange;

/// The largest scale (decimal places) a [`Decimal`] holds.
const MAX_SCALE: u32 = 28;

/// `a + b`, exactly.
pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal, AmountOutOfRange> {
    let (a, b) = (a.normalize(), b.normalize());
    let scale = a.scale().max(b.scale());
    let a_mantissa = rescaled_mantissa(a, scale)?;
    let b_mantissa = rescaled_mantissa(b, scale)?;
    from_mantissa(a_mantissa.checked_add(b_mantissa).ok_or(AmountOutOfRange)?, scale)
}

/// `a - b`, exactly.
pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, AmountOutOfRange> {
    add(a, -b)
}

/// `a * b`, exactly.
pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal, AmountOutOfRange> {
    let (a, b) = (a.normalize(), b.normalize());
    let product = a.mantissa().checked_mul(b.mantissa()).ok_or(AmountOutOfRange)?;
    from_mantissa(product, a.scale() + b.scale())
}

/// The sum of all values, exactly.
pub(crate) fn sum(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal, AmountOutOfRange> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

/// `a * b / 10^shift`, rounded half away from zero to `decimal_places`. The product is
/// formed exactly first, so the result is the correctly rounded one.
pub(crate) fn mul_shift_rounded(
    a: Decimal,
    b: Decimal,
    shift: u32,
    decimal_places: u32,
) -> Result<Decimal, AmountOutOfRange> {
    let (a, b) = (a.normalize(), b.normalize());
    let product = a.mantissa().checked_mul(b.mantissa()).ok_or(AmountOutOfRange)?;
    round_mantissa(product, 1, i64::from(a.scale() + b.scale() + shift), decimal_places)
}

/// `numerator / denominator`, rounded half away from zero to `decimal_places`. The
/// crate only divides by positive amounts; a zero denominator counts as out of range.
pub(crate) fn div_rounded(
    numerator: Decimal,
    denominator: Decimal,
    decimal_places: u32,
) -> Result<Decimal, AmountOutOfRange> {
    mul_div_rounded(numerator, Decimal::ONE, denominator, decimal_places)
}

/// `a * b / c`, rounded half away from zero to `decimal_places`. The product is formed
/// in 128-bit integers, so it may exceed the 28 digits of a [`Decimal`] on the way.
/// A zero `c` counts as out of range.
pub(crate) fn mul_div_rounded(
    a: Decimal,
    b: Decimal,
    c: Decimal,
    decimal_places: u32,
) -> Result<Decimal, AmountOutOfRange> {
    let (a, b, c) = (a.normalize(), b.normalize(), c.normalize());
    if c.is_zero() {
        return Err(AmountOutOfRange);
    }
    // (ma / 10^sa) (mb / 10^sb) / (mc / 10^sc) = (ma mb) / mc / 10^(sa + sb - sc).
    let product = a.mantissa().checked_mul(b.mantissa()).ok_or(AmountOutOfRange)?;
    let scale = i64::from(a.scale()) + i64::from(b.scale()) - i64::from(c.scale());
    round_mantissa(product, c.mantissa(), scale, decimal_places)
}

/// `numerator / divisor / 10^scale` (a negative `scale` multiplies), rounded half away
/// from zero to `decimal_places`, or exact when it has no more places than that.
fn round_mantissa(
    numerator: i128,
    divisor: i128,
    scale: i64,
    decimal_places: u32,
) -> Result<Decimal, AmountOutOfRange> {
    // value x 10^places = numerator x 10^(places - scale) / divisor; the power of ten
    // goes on the numerator when positive, on the divisor when negative.
    let shift = i64::from(decimal_places) - scale;
    let exponent = u32::try_from(shift.unsigned_abs()).map_err(|_| AmountOutOfRange)?;
    let (numerator, divisor) = if shift >= 0 {
        let power = power_of_ten(exponent).ok_or(AmountOutOfRange)?;
        (numerator.checked_mul(power).ok_or(AmountOutOfRange)?, divisor)
    } else {
        match power_of_ten(exponent).and_then(|power| divisor.checked_mul(power)) {
            Some(divisor) => (numerator, divisor),
            // The divisor exceeds every i128, so it is more than twice a numerator of at
            // most half of one: the quotient rounds to zero.
            None if numerator.unsigned_abs() <= i128::MAX.unsigned_abs() / 2 => {
                return from_mantissa(0, decimal_places);
            }
            None => return Err(AmountOutOfRange),
        }
    };
    let quotient = numerator / divisor;
    let remainder = numerator % divisor;
    let away_from_zero = if (numerator < 0) == (divisor < 0) { 1 } else { -1 };
    let rounds_up = remainder.unsigned_abs().checked_mul(2).is_none_or(|twice| twice >= divisor.unsigned_abs());
    let rounded = if remainder != 0 && rounds_up { quotient + away_from_zero } else { quotient };
    from_mantissa(rounded, decimal_places)
}

/// The mantissa of `value` written with `scale` places (`scale` >= its own).
fn rescaled_mantissa(value: Decimal, scale: u32) -> Result<i128, AmountOutOfRange> {
    let power = power_of_ten(scale - value.scale()).ok_or(AmountOutOfRange)?;
    value.mantissa().checked_mul(power).ok_or(AmountOutOfRange)
}

/// Builds `mantissa / 10^scale`, dropping trailing zeros when needed to fit; fails
/// rather than dropping a digit that is not zero.
fn from_mantissa(mut mantissa: i128, mut scale: u32) -> Result<Decimal, AmountOutOfRange> {
    loop {
        if scale <= MAX_SCALE
            && let Ok(value) = Decimal::try_from_i128_with_scale(mantissa, scale)
        {
            return Ok(value.normalize());
        }
        if scale == 0 || mantissa % 10 != 0 {
            return Err(AmountOutOfRange);
        }
        mantissa /= 10;
        scale -= 1;
    }
}

fn power_of_ten(exponent: u32) -> Option<i128> {
    10_i128.checked_pow(exponent)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn adds_and_multiplies_exactly() {
        assert_eq!(add(d("0.1"), d("0.2")), Ok(d("0.3")));
        assert_eq!(sub(d("1"), d("1.000000000000000000000000001")), Ok(d("-0.000000000000000000000000001")));
        assert_eq!(mul(d("1.5"), d("-0.25")), Ok(d("-0.375")));
        assert_eq!(sum([d("1"), d("2.5"), d("-0.5")]), Ok(d("3")));
    }

    #[test]
    fn refuses_results_it_would_have_to_round() {
        // 10 + 1e-28 needs a mantissa of 10^29 + 1, above the 96-bit limit of about 7.9 x 10^28.
        assert_eq!(add(d("10"), d("0.0000000000000000000000000001")), Err(AmountOutOfRange));
        assert_eq!(add(d("1"), d("0.0000000000000000000000000001")), Ok(d("1.0000000000000000000000000001")));
        assert_eq!(mul(Decimal::MAX, d("2")), Err(AmountOutOfRange));
        assert_eq!(mul(d("0.00000000000001"), d("0.000000000000001")), Err(AmountOutOfRange));
        // The exact square has 31 significant digits; the plain operator rounds it silently.
        let a = d("1.000000000000001");
        assert_eq!(a * a, d("1.000000000000002"));
        assert_eq!(mul(a, a), Err(AmountOutOfRange));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(mul_shift_rounded(d("1"), d("5"), 1, 0), Ok(d("1")));
        assert_eq!(mul_shift_rounded(d("-1"), d("5"), 1, 0), Ok(d("-1")));
        assert_eq!(mul_shift_rounded(d("1"), d("4"), 1, 0), Ok(d("0")));
        assert_eq!(mul_shift_rounded(d("1.23"), d("1"), 0, 8), Ok(d("1.23")));
        assert_eq!(div_rounded(d("2"), d("3"), 4), Ok(d("0.6667")));
        assert_eq!(div_rounded(d("-2"), d("3"), 4), Ok(d("-0.6667")));
        assert_eq!(div_rounded(d("1"), d("-8"), 2), Ok(d("-0.13")));
        assert_eq!(div_rounded(d("1.5"), d("0.5"), 2), Ok(d("3")));
        assert_eq!(div_rounded(d("1"), Decimal::ZERO, 2), Err(AmountOutOfRange));
        // The product 131148056.15663298028691 x 604.1141 has 29 digits; only the quotient has to fit.
        assert_eq!(
            mul_div_rounded(d("131148056.15663298028691"), d("604.1141"), d("1548.669001"), 16),
            Ok(d("51159020.9790825353495562"))
        );
    }

    proptest! {
        #[test]
        fn agrees_with_rust_decimal_where_that_is_exact(a in -1_000_000_000_i64..1_000_000_000, b in -1_000_000_000_i64..1_000_000_000, sa in 0_u32..9, sb in 0_u32..9) {
            let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
            prop_assert_eq!(add(a, b), Ok(a + b));
            prop_assert_eq!(sub(a, b), Ok(a - b));
            prop_assert_eq!(mul(a, b), Ok(a * b));
            if !b.is_zero() {
                let expected = (a / b).round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
                prop_assert_eq!(div_rounded(a, b, 6), Ok(expected));
            }
        }
    }
}
