//! What an embed (`?embed`) shows, from its address: `panel=cluster|claims|output` (the
//! results view: the pods and the cluster map, the claims, or the output YAML) and `readonly`
//! (no "Edit"). `embed.js` writes these from a snippet's `data-panel` and `data-readonly`.

/// The results views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ResultsTab {
    /// The pods and the cluster map.
    #[default]
    Cluster,
    /// The claims with their devices.
    Claims,
    /// The scenario after the run, as YAML.
    Output,
}

/// The embed's options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// The results view shown.
    pub panel: ResultsTab,
    /// No "Edit" button.
    pub read_only: bool,
}

impl EmbedOptions {
    /// The options in a query string (`?embed&panel=claims&readonly`); unknown values are the
    /// defaults.
    pub fn from_query(search: &str) -> EmbedOptions {
        let mut options = EmbedOptions::default();
        for part in search.trim_start_matches('?').split('&') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            match (key, value) {
                ("panel", "claims") => options.panel = ResultsTab::Claims,
                ("panel", "output") => options.panel = ResultsTab::Output,
                ("panel", _) => options.panel = ResultsTab::Cluster,
                ("readonly", "" | "1" | "true") => options.read_only = true,
                _ => {}
            }
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_from_the_query() {
        assert_eq!(EmbedOptions::from_query("?embed"), EmbedOptions::default());
        assert_eq!(
            EmbedOptions::from_query("?embed&panel=claims&readonly"),
            EmbedOptions {
                panel: ResultsTab::Claims,
                read_only: true
            }
        );
        assert_eq!(
            EmbedOptions::from_query("?panel=output&readonly=false&embed").panel,
            ResultsTab::Output
        );
        assert!(!EmbedOptions::from_query("?embed&readonly=false").read_only);
        assert_eq!(
            EmbedOptions::from_query("?embed&panel=nonsense").panel,
            ResultsTab::Cluster
        );
    }
}
