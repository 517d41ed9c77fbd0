#!/usr/bin/perl
# SPDX-License-Identifier: ISC
# What tests/cli/t1191-man-fr.sh checks in the man pages, beyond mandoc's
# linter: that a translation documents what its English page documents,
# and that pages render without quoting artefacts or, in French, without
# spacing errors before punctuation. It reads mdoc source and mandoc's
# -T utf8 output; it knows nothing of the commands themselves.
#
#   man-check.pl options PAGE   options of the SYNOPSIS, then of the
#                               OPTIONS section's list, one per line
#   man-check.pl tags PAGE      every .It tag's first word when it is
#                               syntax (options, keys, values) or a number
#                               (exit codes, limits), sorted, unique
#   man-check.pl head PAGE      the .Dd and .Dt lines
#   man-check.pl stamp PAGE     the SHA-1 of an English page
#   man-check.pl stamped PAGE   the SHA-1 of the English page a translation
#                               says it translates
#   man-check.pl quotes TEXT    rendered lines with nested or unbalanced
#                               quotes (‘a, ‘b’’ and the like), paragraphs
#                               with unbalanced parentheses
#   man-check.pl typo TEXT      rendered French lines whose ; : ! ? « »
#                               lack their no-break space (TEXT rendered
#                               without col -b, literal displays removed)
use strict;
use warnings;
use utf8;
use open qw(:std :encoding(UTF-8));

my ($cmd, $file) = @ARGV;
die "usage: man-check.pl options|tags|head|stamp|stamped|quotes|typo FILE\n"
	unless defined $file;
open my $in, '<', $file or die "man-check.pl: $file: $!\n";
my @lines = <$in>;
close $in;

# The mdoc macros that can follow an option's name on one line: the word
# after Fl ends there.
my %macro = map { $_ => 1 } qw(Ar Cm Ns Fl Op Oo Oc Pq Po Pc Ql Li Ic Ev
	Pa Xr Dq Sq Qq Em Sy No Va Nm Brq Bq Aq);

sub flags_of {
	my ($line) = @_;
	my ($in_fl, @out) = (0);
	for my $w (split ' ', $line) {
		if ($w eq 'Fl' || $w eq '.Fl') {
			$in_fl = 1;
		} elsif ($macro{$w} || $w =~ /^\./) {
			$in_fl = 0;
		} elsif ($in_fl && $w !~ /^[,.;:|()\[\]]$/) {
			# .Fl o , -output: each word is an option.
			push @out, "-$w";
		}
	}
	return @out;
}

if ($cmd eq 'options') {
	my ($section, @syn, @opt) = ('');
	for (@lines) {
		if (/^\.Sh\s+(.*?)\s*$/) { $section = $1; next; }
		next unless /^\./;
		push @syn, flags_of($_) if $section eq 'SYNOPSIS';
		push @opt, flags_of($_) if $section eq 'OPTIONS' && /^\.It\s/;
	}
	my %seen;
	print "synopsis $_\n" for grep { !$seen{"s$_"}++ } sort @syn;
	print "options $_\n" for grep { !$seen{"o$_"}++ } sort @opt;
} elsif ($cmd eq 'tags') {
	my %seen;
	for (@lines) {
		next unless /^\.It\s+(?:(Fl|Ic|Cm|Ev|Pa|Li)\s+)?(\S+)/;
		my ($macro, $word) = ($1, $2);
		if (!defined $macro) {
			# A plain tag is prose, translated, unless it is a number
			# (an exit status, a limit: 1,000,000 is 1\~000\~000).
			next unless $word =~ /^([0-9][0-9,]*(?:\\~[0-9]{3})*)/;
			($word = $1) =~ s/,|\\~//g;
		}
		$seen{defined $macro ? "$macro $word" : $word} = 1;
	}
	print "$_\n" for sort keys %seen;
} elsif ($cmd eq 'head') {
	print grep { /^\.D[dt]\s/ } @lines;
} elsif ($cmd eq 'stamp') {
	# The English page's SHA-1, which its translation records on a line
	#   .\" Traduit de la version anglaise SHA1
	# once it says all that the English says.
	require Digest::SHA;
	print Digest::SHA->new(1)->addfile($file, 'b')->hexdigest, "\n";
} elsif ($cmd eq 'stamped') {
	for (@lines) {
		print "$1\n" if /^\.\\" Traduit de la version anglaise ([0-9a-f]{40})$/;
	}
} elsif ($cmd eq 'quotes') {
	for my $n (0 .. $#lines) {
		local $_ = $lines[$n];
		if (/‘[^’]*‘/ || /’’/ || /“[^”]*“/ || /””/ || /«[^»]*«/) {
			print "line ", $n + 1, ": $_";
		}
		# A semicolon an enclosure swallowed: ‘#RRGGBB ;’, (‘#E4003A’ ;)
		# (a question quoted, ‘À quel moment ?’, or ‘erreur :’, is meant).
		for my $q (/‘([^’]*)’/g) {
			print "line ", $n + 1, ": punctuation inside ‘$q’\n"
				if $q =~ /[[:alnum:])]\s+;$/;
		}
		print "line ", $n + 1, ": punctuation inside parentheses: $_"
			if /[[:alnum:]’]\s+;\)/;
	}
	# Parentheses balance within a paragraph: an enclosure closed at the
	# end of its line leaves ‘(‘x’), 66)’.
	my ($para, $start) = ('', 1);
	for my $n (0 .. $#lines + 1) {
		my $l = $n <= $#lines ? $lines[$n] : '';
		if ($l =~ /^\s*$/) {
			my $open = () = $para =~ /\(/g;
			my $close = () = $para =~ /\)/g;
			print "paragraph at line $start: $open ( for $close )\n"
				if $open != $close;
			($para, $start) = ('', $n + 2);
		} else {
			$para .= $l;
		}
	}
} elsif ($cmd eq 'typo') {
	my $quoted = 0;
	for my $n (0 .. $#lines) {
		local $_ = $lines[$n];
		chomp;
		# Bold and underlined words are literal syntax (options, keys,
		# file names): keep their place, not their characters.
		s/_\x08.|.\x08./\x{fffc}/g;
		# Quoted literals (‘utilab:bleed=3’, ‘FRI-007 :’) likewise,
		# also when they run over the end of a line.
		s/^[^‘]*?’/\x{fffc}/ if $quoted;
		s/‘[^’]*’/\x{fffc}/g;
		$quoted = s/‘[^’]*$/\x{fffc}/;
		my @bad;
		push @bad, 'a breaking space before ; : ! ?' if / [;:!?](?=\s|$)/;
		push @bad, 'no space before ; ! ?' if /[^\s\x{a0}\x{202f}][;!?](?=\s|$)/;
		# A colon right after literal syntax is part of it (field: no mark).
		push @bad, 'no space before :'
			if /[^\s\x{a0}\x{202f}:\/\x{fffc}]:(?=\s|$)/;
		push @bad, 'no no-break space after «' if /«(?![\x{a0}\x{202f}])/;
		push @bad, 'no no-break space before »' if /(?<![\x{a0}\x{202f}])»/;
		print "line ", $n + 1, ": ", join(', ', @bad), ": $_\n" if @bad;
	}
} else {
	die "man-check.pl: unknown command '$cmd'\n";
}
