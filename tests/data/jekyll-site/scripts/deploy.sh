#!/bin/sh
bundle exec jekyll build
