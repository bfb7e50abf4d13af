# The blog's targets, included by the root Makefile.
#
# Hugo and htmltest are pinned Go tools, each in its own module under
# tools/ and outside go.work, so that their many dependencies never touch
# the tutorial's modules. They build into bin/ on first use, and again
# when their pins change.

SITE_HUGO        := bin/hugo
SITE_HTMLTEST    := bin/htmltest
SITE_PORT        ?= 1313
SITE_SERVE_FLAGS ?=

.PHONY: site serve site-test diffs tools chroma play

## tools: build the pinned site tools (bin/hugo, bin/htmltest)
tools: $(SITE_HUGO) $(SITE_HTMLTEST)

$(SITE_HUGO): tools/hugo/go.mod tools/hugo/go.sum
	GOWORK=off go -C tools/hugo build -o ../../$@ github.com/gohugoio/hugo

$(SITE_HTMLTEST): tools/htmltest/go.mod tools/htmltest/go.sum
	GOWORK=off go -C tools/htmltest build -o ../../$@ github.com/wjdp/htmltest

## site: build the blog into public/, with the "Run it here" panels' programs (make play)
site: $(SITE_HUGO) play
	$(SITE_HUGO) build --panicOnWarning --cleanDestinationDir

## serve: read the blog at localhost port 1313 (SITE_PORT), live-reloading on every change to a post or a step's code; SITE_SERVE_FLAGS=--buildDrafts shows drafts
serve: $(SITE_HUGO) play
	$(SITE_HUGO) serve --port $(SITE_PORT) $(SITE_SERVE_FLAGS)

## site-test: check the blog (step diffs fresh, diagrams sound, no typed-in numbers in the posts, word budgets, clean build, links; in a browser, the "Run it here" panel, every post at 1280 and 390 px, light and dark)
site-test: play
	scripts/site-test.sh

## play: build each step's program for the posts' "Run it here" panels (WebAssembly, into tmp/play), and print their sizes
play:
	go run ./tools/playground/cmd/playground -out tmp/play

## play-check: build the panels' programs and run each against its own challenge under Node.js
play-check:
	go run ./tools/playground/cmd/playground -out tmp/play -check

## diffs: regenerate the step-to-step diffs the posts show (assets/diffs/)
diffs:
	go run ./tools/stepdiff

# The code colours for light and dark mode; each half of the file starts
# with the command that made it.
## chroma: regenerate assets/css/chroma.css, the code colours
chroma: $(SITE_HUGO)
	{ $(SITE_HUGO) gen chromastyles --style=github --mode=light --modeSelector --omitClassComments --highlightStyle "bg:#fff8c5" && \
	  $(SITE_HUGO) gen chromastyles --style=github-dark --mode=dark --modeSelector --omitClassComments --highlightStyle "bg:#3b3620"; \
	} > assets/css/chroma.css
