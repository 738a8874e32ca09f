"""The checks of the trust report, in the order of the table (issue 9)."""

CHECKS = [
    # Privacy
    "No third-party requests",
    "Anonymous storage",
    "Data export",
    "Account deletion",
    "Retention",
    "Security logging",
    # Accessibility
    "axe WCAG 2.1 AA",
    "Nu HTML Checker",
    "Keyboard only",
    "Focus visible",
    "Reflow and zoom",
    "Form errors linked",
    "Status announced",
    "Leichte Sprache and DGS",
    "Accessibility statement linked",
    # Security
    "Upload scanning",
    "File serving",
    "Sanitizer fuzzing",
    "Sessions",
    "API field access",
]

DEPENDENCY_CHECK = "Dependency advisories"
