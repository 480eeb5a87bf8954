"""Pages of survivor-leader engagement, outreach events and threat assessments."""
