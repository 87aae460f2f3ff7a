//! Helpers shared by the integration tests.

use concord::{Config, Engine, Tier, TierUpPath};

/// A configuration per way of running code in this build: every tier
/// compiled in; with more than one tier, a tier mix per seed of
/// `mix_seeds`; with the interpreter and Cranelift, `auto` at each
/// `(threshold, path)` of `autos` whose tiers are compiled in, tiering up
/// on the running thread (so runs are reproducible). Named `TIER`,
/// `mix-SEED` and `auto-THRESHOLD-PATH`.
pub fn tier_configs(mix_seeds: &[u64], autos: &[(u32, TierUpPath)]) -> Vec<(String, Config)> {
    let tiers = Engine::available_tiers();
    let mut configs: Vec<(String, Config)> = tiers
        .iter()
        .map(|&tier| {
            let mut config = Config::new();
            config.tier(tier);
            (tier.to_string(), config)
        })
        .collect();
    if tiers.len() > 1 {
        for &seed in mix_seeds {
            let mut config = Config::new();
            config.tier(Tier::Interp).tier_mix(Some(seed));
            configs.push((format!("mix-{seed}"), config));
        }
    }
    if tiers.contains(&Tier::Interp) && tiers.contains(&Tier::Cranelift) {
        for &(threshold, path) in autos {
            if !path.tiers().iter().all(|t| tiers.contains(t)) {
                continue;
            }
            let mut config = Config::new();
            config.tier(Tier::Auto);
            config.tier_up.threshold = threshold;
            config.tier_up.threads = Some(0);
            config.tier_up.path = path;
            configs.push((format!("auto-{threshold}-{}", path.name()), config));
        }
    }
    configs
}
