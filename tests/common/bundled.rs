//! What the bundled bank holds, as the tests expect it.

/// The ten question ids, in bank order (question 1 first).
pub const IDS: [&str; 10] = [
    "stakeholder-alignment-at-scale",
    "aws-cloud-architecture-deep-dive",
    "prime-video-content-strategy",
    "marketplace-trust-and-safety",
    "decision-under-uncertainty",
    "alexa-innovation-strategy",
    "aws-cost-optimization-pricing",
    "cross-org-influence",
    "small-business-advertising",
    "healthcare-market-entry",
];
