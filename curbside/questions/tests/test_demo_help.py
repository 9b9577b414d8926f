"""`curbside demo --help` explains the command and its options."""

from curbside.questions.management.commands.demo import Command


def test_it_describes_the_command_and_its_options():
    text = Command().create_parser("curbside", "demo").format_help()

    assert "fictional demo questions" in text
    assert "--if-empty" in text
    assert "--force" in text
