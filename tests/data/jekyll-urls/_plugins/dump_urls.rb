# Writes the URL of every post and page, and every post's id, to _site/urls.json.
require "json"

Jekyll::Hooks.register :site, :post_write do |site|
  link = ->(url) { Liquid::Template.parse("{{ u | absolute_url }}").render!({ "u" => url }, :registers => { :site => site }) }
  posts = site.posts.docs.to_h do |post|
    [post.relative_path, { "url" => post.url, "id" => post.id, "link" => link.call(post.url) }]
  end
  # Only this site's own files: not jekyll-feed's feed.xml.
  pages = site.pages.select { |page| File.file?(site.in_source_dir(page.relative_path)) }
  urls = { "posts" => posts, "pages" => pages.to_h { |page| [page.relative_path, page.url] } }
  File.write(File.join(site.dest, "urls.json"), JSON.pretty_generate(urls))
end
