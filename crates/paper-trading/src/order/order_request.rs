//! An order request: the raw draft, its checks, and its canonical fingerprint.

use std::fmt;

use market_types::{InvalidSymbol, Symbol};

use crate::number::{deserialize_number_text, deserialize_optional_number_text};
use crate::{FillSide, InvalidFillSide, InvalidNumber, Price, Quantity};

/// How an order is to be priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderType {
    /// At whatever the market offers; takes no limit price.
    Market,
    /// At the limit price or better; needs one.
    Limit,
}

/// The reason an order type name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid order type {0:?}: expected market or limit")]
pub struct InvalidOrderType(pub String);

impl OrderType {
    /// Parses `market` or `limit`, ignoring case and surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, InvalidOrderType> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "market" => Ok(Self::Market),
            "limit" => Ok(Self::Limit),
            _ => Err(InvalidOrderType(raw.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Market => "market",
            Self::Limit => "limit",
        }
    }
}

impl fmt::Display for OrderType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An order request as submitted, every field raw text; checked by
/// [`OrderRequest::from_draft`]. The serde reader accepts numbers or strings for the
/// numeric fields, and reads the order type from `type`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderRequestDraft {
    pub symbol: String,
    pub side: String,
    #[serde(deserialize_with = "deserialize_number_text")]
    pub quantity: String,
    #[serde(rename = "type")]
    pub order_type: String,
    #[serde(default, deserialize_with = "deserialize_optional_number_text")]
    pub limit_price: Option<String>,
}

/// A valid order request: a symbol, buy or sell, a positive quantity, and a limit
/// price exactly when the type is `limit`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "OrderRequestDraft")]
pub struct OrderRequest {
    symbol: Symbol,
    side: FillSide,
    quantity: Quantity,
    #[serde(rename = "type")]
    order_type: OrderType,
    limit_price: Option<Price>,
}

/// A refused order request. [`OrderError::field`] names the field at fault; every
/// variant is the caller's mistake (a 4xx).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("{field}: {problem}")]
    InvalidField { field: &'static str, problem: OrderFieldProblem },
    #[error("limit_price: a limit order needs a limit price")]
    LimitPriceRequired,
    #[error("limit_price: a market order takes no limit price")]
    LimitPriceNotAllowed,
}

/// What is wrong with one field of an order request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderFieldProblem {
    #[error(transparent)]
    Number(#[from] InvalidNumber),
    #[error(transparent)]
    Symbol(#[from] InvalidSymbol),
    #[error(transparent)]
    Side(#[from] InvalidFillSide),
    #[error(transparent)]
    OrderType(#[from] InvalidOrderType),
}

impl OrderError {
    /// The field at fault: `symbol`, `side`, `quantity`, `type` or `limit_price`.
    pub fn field(&self) -> &'static str {
        match self {
            Self::InvalidField { field, .. } => field,
            Self::LimitPriceRequired | Self::LimitPriceNotAllowed => "limit_price",
        }
    }
}

impl OrderError {
    fn invalid(field: &'static str, problem: impl Into<OrderFieldProblem>) -> Self {
        Self::InvalidField { field, problem: problem.into() }
    }
}

impl OrderRequest {
    /// Checks a draft in field order (`symbol`, `side`, `quantity`, `type`,
    /// `limit_price`) and builds the request, or names the first field at fault.
    pub fn from_draft(draft: &OrderRequestDraft) -> Result<Self, OrderError> {
        let symbol = Symbol::parse(&draft.symbol).map_err(|error| OrderError::invalid("symbol", error))?;
        let side = FillSide::parse(&draft.side).map_err(|error| OrderError::invalid("side", error))?;
        let quantity = Quantity::parse(&draft.quantity).map_err(|error| OrderError::invalid("quantity", error))?;
        let order_type = OrderType::parse(&draft.order_type).map_err(|error| OrderError::invalid("type", error))?;
        let limit_price = match (order_type, draft.limit_price.as_deref()) {
            (OrderType::Limit, None) => return Err(OrderError::LimitPriceRequired),
            (OrderType::Market, Some(_)) => return Err(OrderError::LimitPriceNotAllowed),
            (OrderType::Limit, Some(raw)) => {
                Some(Price::parse(raw).map_err(|error| OrderError::invalid("limit_price", error))?)
            }
            (OrderType::Market, None) => None,
        };
        Ok(Self { symbol, side, quantity, order_type, limit_price })
    }

    pub fn symbol(&self) -> &Symbol {
        &self.symbol
    }

    pub fn side(&self) -> FillSide {
        self.side
    }

    pub fn quantity(&self) -> Quantity {
        self.quantity
    }

    pub fn order_type(&self) -> OrderType {
        self.order_type
    }

    /// `Some` exactly for limit orders.
    pub fn limit_price(&self) -> Option<Price> {
        self.limit_price
    }

    /// A canonical text of the parsed request, for idempotent retries: two bodies that
    /// parse to the same request (whatever their field order, white space, number
    /// spelling such as `1.50` and `1.5`, or case of names) have the same fingerprint;
    /// any difference in a field gives a different one. The store compares it (or a
    /// hash of it) with the one kept under the idempotency key. The leading version
    /// changes if the format ever does.
    ///
    /// Example: `order-request/v1;symbol=BTCUSDT;side=buy;quantity=0.5;type=limit;limit_price=60000`.
    pub fn fingerprint(&self) -> String {
        let limit_price = self.limit_price.map_or_else(|| "none".to_owned(), |price| price.to_string());
        format!(
            "order-request/v1;symbol={};side={};quantity={};type={};limit_price={}",
            self.symbol, self.side, self.quantity, self.order_type, limit_price
        )
    }
}

impl TryFrom<OrderRequestDraft> for OrderRequest {
    type Error = OrderError;

    fn try_from(draft: OrderRequestDraft) -> Result<Self, Self::Error> {
        Self::from_draft(&draft)
    }
}
