//! Symbol categories (sectors), read from `configs/symbol-categories.yaml`.
//!
//! The file maps category names to symbol lists; a symbol may be in several
//! categories. Other keys in the file (such as `primary`) are ignored.

use std::collections::BTreeMap;

use market_types::Symbol;

use crate::error::{MarketDataError, Result};

/// The category map shipped with the product.
pub const DEFAULT_CATEGORIES_YAML: &str = include_str!("../../../configs/symbol-categories.yaml");

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Categories {
    by_name: BTreeMap<String, Vec<Symbol>>,
}

#[derive(serde::Deserialize)]
struct CategoriesFile {
    categories: BTreeMap<String, Vec<String>>,
}

impl Categories {
    /// Parses the YAML map, refusing malformed symbols and empty names.
    pub fn from_yaml(text: &str) -> Result<Self> {
        let file: CategoriesFile = serde_yaml::from_str(text)
            .map_err(|error| MarketDataError::InvalidInput(format!("category file: {error}")))?;
        let mut by_name = BTreeMap::new();
        for (name, raw_symbols) in file.categories {
            if name.trim().is_empty() {
                return Err(MarketDataError::InvalidInput("category file: empty category name".to_owned()));
            }
            let mut symbols = raw_symbols
                .iter()
                .map(|raw| Symbol::parse(raw))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| MarketDataError::InvalidInput(format!("category file, {name:?}: {error}")))?;
            symbols.sort();
            symbols.dedup();
            by_name.insert(name, symbols);
        }
        Ok(Self { by_name })
    }

    /// Category names in alphabetical order, each with its symbols.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Symbol])> {
        self.by_name.iter().map(|(name, symbols)| (name.as_str(), symbols.as_slice()))
    }

    /// The symbols of one category.
    pub fn symbols(&self, name: &str) -> Result<&[Symbol]> {
        self.by_name.get(name).map(Vec::as_slice).ok_or_else(|| MarketDataError::UnknownCategory(name.to_owned()))
    }

    /// The categories a symbol belongs to, alphabetically.
    pub fn of_symbol(&self, symbol: &Symbol) -> Vec<&str> {
        self.iter().filter(|(_, symbols)| symbols.binary_search(symbol).is_ok()).map(|(name, _)| name).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shipped_map() -> Result<()> {
        let categories = Categories::from_yaml(DEFAULT_CATEGORIES_YAML)?;
        let layer_one = categories.symbols("Layer 1")?;
        assert!(layer_one.iter().any(|s| s.as_str() == "BTCUSDT"));
        let btc = Symbol::parse("BTCUSDT").map_err(|e| MarketDataError::InvalidInput(e.to_string()))?;
        assert!(categories.of_symbol(&btc).contains(&"Layer 1"));
        assert!(matches!(categories.symbols("Nope"), Err(MarketDataError::UnknownCategory(_))));
        Ok(())
    }

    #[test]
    fn refuses_bad_symbols() {
        let result = Categories::from_yaml("categories:\n  \"X\":\n    - BTC-USDT\n");
        assert!(matches!(result, Err(MarketDataError::InvalidInput(message)) if message.contains("BTC-USDT")));
    }
}
