"""The pages of meetings, subcommittees, action items and the decision log."""
