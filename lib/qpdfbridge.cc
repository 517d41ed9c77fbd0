/* SPDX-License-Identifier: ISC */
/*
 * The libqpdf bridge (see qpdfbridge.h): the project's only C++. Opens
 * input PDFs with qpdf, and writes the output PDF itself, as it goes:
 * each input page a Form XObject whose content and resources are the
 * page's own, untouched, and sheets that place them. Owns the qpdf
 * objects, the output's objects and cross-reference table, and the
 * translation of qpdf's exceptions into messages; knows nothing of
 * imposition, marks or diagnostics.
 *
 * Nothing here interprets a content stream: a page's content, its images
 * and fonts are copied as raw bytes (their filters kept), so a
 * content-stream or image bomb costs what its bytes cost. The one
 * exception is a page whose content is an array of streams: those are
 * decoded and joined, because compressed streams cannot be joined raw.
 */
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <qpdf/Pl_Buffer.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFAnnotationObjectHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageLabelDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QUtil.hh>

#include "qpdfbridge.h"

/*
 * What placing a page needs, read once from the page tree: its boxes and
 * the handles of its content, resources and group. The page dictionaries
 * themselves are then forgotten (see walk()).
 */
struct page_src {
	struct ul_qpdf_page box;
	QPDFObjectHandle contents, resources, group;
	/* the group written out, when it refers to nothing (the usual) */
	std::shared_ptr<std::string const> group_text;
};

struct ul_qpdf_in {
	std::unique_ptr<QPDF> q;
	std::vector<page_src> pages;
	/* content streams by how many pages still have to place them */
	std::map<QPDFObjGen, int> content_uses;
	/* the groups' texts, each kept once (a deck's pages share one) */
	std::map<std::string, std::shared_ptr<std::string const>> groups;
	std::unique_ptr<QPDFPageLabelDocumentHelper> labels;
};

namespace {

char *
dup(std::string const &s)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));
	if (!p)
		abort();
	memcpy(p, s.c_str(), s.size() + 1);
	return p;
}

/* qpdf's messages start with the file name: the caller adds its own. */
void
set_err(char **err, std::exception const &e)
{
	std::string m = e.what();
	if (auto qe = dynamic_cast<QPDFExc const *>(&e))
		m = qe->getMessageDetail();
	if (m.size() > 200)
		m = m.substr(0, 200) + "...";
	*err = dup(m);
}

bool
read_box(QPDFObjectHandle o, ul_qpdf_box *b)
{
	if (!o.isRectangle())
		return false;
	QPDFObjectHandle::Rectangle r = o.getArrayAsRectangle();
	b->x0 = std::fmin(r.llx, r.urx);
	b->x1 = std::fmax(r.llx, r.urx);
	b->y0 = std::fmin(r.lly, r.ury);
	b->y1 = std::fmax(r.lly, r.ury);
	return std::isfinite(b->x0) && std::isfinite(b->x1) &&
		std::isfinite(b->y0) && std::isfinite(b->y1);
}

/* What a page inherits from the page tree above it. */
struct inherited {
	QPDFObjectHandle resources, media, crop, rotate;
};

/*
 * Let qpdf drop its parsed copy of object h: a page, once read; an input
 * object, once written. qpdf keeps every object it has parsed, and its
 * objects are large (7 KB for a card's page dictionary): forgetting what
 * is done with keeps memory flat however many pages go by.
 */
void
forget(QPDF *q, QPDFObjectHandle h)
{
	if (h.isIndirect())
		q->replaceObject(h.getObjGen(), QPDFObjectHandle::newNull());
}

/*
 * Whether direct object h refers to no other object; its text is then
 * appended to s, the same in any document.
 */
bool
self_contained(QPDFObjectHandle h, std::string &s, int depth)
{
	if (h.isIndirect() || depth > 8)
		return false;
	if (h.isArray()) {
		s += '[';
		for (auto item : h.aitems()) {
			if (!self_contained(item, s, depth + 1))
				return false;
			s += ' ';
		}
		s += ']';
		return true;
	}
	if (h.isDictionary()) {
		s += "<<";
		for (auto const &kv : h.getDictAsMap()) {
			QPDFObjectHandle v = kv.second;
			if (!v.isIndirect() && v.isNull())
				continue;
			s += QPDFObjectHandle::newName(kv.first).unparse() + " ";
			if (!self_contained(v, s, depth + 1))
				return false;
			s += ' ';
		}
		s += ">>";
		return true;
	}
	if (h.isScalar() || h.isName() || h.isString()) {
		s += h.unparse();
		return true;
	}
	return false;
}

void
read_page(ul_qpdf_in *in, QPDFObjectHandle d, inherited inh, bool forgetting)
{
	page_src src;
	struct ul_qpdf_page *p = &src.box;
	memset(p, 0, sizeof(*p));
	/* A page with no MediaBox is US letter, as viewers show it. */
	if (!read_box(inh.media, &p->media))
		p->media = ul_qpdf_box{ 0, 0, 612, 792 };
	p->has_crop = read_box(inh.crop, &p->crop);
	p->has_bleed = read_box(d.getKey("/BleedBox"), &p->bleed);
	p->has_trim = read_box(d.getKey("/TrimBox"), &p->trim);
	if (inh.rotate.isInteger()) {
		long long r = inh.rotate.getIntValue() % 360;
		if (r < 0)
			r += 360;
		p->rotate = r % 90 == 0 ? static_cast<int>(r) : 0;
	}
	p->user_unit = 1;
	QPDFObjectHandle uu = d.getKey("/UserUnit");
	if (uu.isNumber()) {
		double v = uu.getNumericValue();
		if (std::isfinite(v) && v > 0 && v <= 75000)
			p->user_unit = v;
	}
	/*
	 * Only an annotation with an appearance prints anything: a link
	 * (a card's QR code) is no reason to flatten.
	 */
	QPDFObjectHandle an = d.getKey("/Annots");
	if (an.isArray())
		for (auto a : an.aitems()) {
			if (a.isDictionary() && !a.getKey("/AP").isNull())
				p->annots = true;
			if (forgetting)
				forget(in->q.get(), a);
		}
	src.contents = d.getKey("/Contents");
	src.resources = inh.resources;
	src.group = d.getKey("/Group");
	/* Held as text when it can be: a parsed one costs a kilobyte. */
	std::string text;
	if (!src.group.isIndirect() && src.group.isDictionary() &&
	    self_contained(src.group, text, 0)) {
		auto &g = in->groups[text];
		if (!g)
			g = std::make_shared<std::string const>(text);
		src.group_text = g;
		src.group = QPDFObjectHandle();
	}
	if (src.contents.isIndirect())
		in->content_uses[src.contents.getObjGen()]++;
	in->pages.push_back(src);
}

/*
 * The page tree, depth first, as qpdf reads it: a node with /Kids is
 * inner, any other a page; /Resources, /MediaBox, /CropBox and /Rotate
 * are inherited. A loop is an error; a page listed twice is two pages.
 * With forgetting, each node is dropped once read (a page listed again
 * is then found in pages_seen).
 */
void
walk(ul_qpdf_in *in, QPDFObjectHandle node, inherited inh,
     std::set<QPDFObjGen> &above, std::map<QPDFObjGen, size_t> &pages_seen,
     int depth, bool forgetting)
{
	QPDFObjGen og = node.getObjGen();
	if (node.isIndirect()) {
		auto seen = pages_seen.find(og);
		if (seen != pages_seen.end()) {
			in->pages.push_back(in->pages[seen->second]);
			QPDFObjectHandle c = in->pages.back().contents;
			if (c.isIndirect())
				in->content_uses[c.getObjGen()]++;
			return;
		}
		if (above.count(og))
			throw std::runtime_error("loop in the page tree");
	}
	if (depth > 256)
		throw std::runtime_error("page tree too deep");
	if (!node.isDictionary())
		return;
	for (auto const &k : { "/Resources", "/MediaBox", "/CropBox",
			       "/Rotate" }) {
		/* Not isNull() on a reference: it would parse the object. */
		QPDFObjectHandle v = node.getKey(k);
		if (!v.isIndirect() && v.isNull())
			continue;
		QPDFObjectHandle &slot = k[1] == 'R' ?
			(k[2] == 'e' ? inh.resources : inh.rotate) :
			k[1] == 'M' ? inh.media : inh.crop;
		slot = v;
	}
	QPDFObjectHandle kids = node.getKey("/Kids");
	if (kids.isArray()) {
		above.insert(og);
		int n = kids.getArrayNItems();
		for (int k = 0; k < n; k++)
			walk(in, kids.getArrayItem(k), inh, above, pages_seen,
			     depth + 1, forgetting);
		above.erase(og);
	} else {
		if (node.isIndirect())
			pages_seen[og] = in->pages.size();
		read_page(in, node, inh, forgetting);
	}
	if (forgetting)
		forget(in->q.get(), node);
}

/* Read every page; false when forgetting stopped at an annotated one. */
bool
walk_all(ul_qpdf_in *in, bool forgetting)
{
	in->pages.clear();
	in->content_uses.clear();
	std::set<QPDFObjGen> above;
	std::map<QPDFObjGen, size_t> pages_seen;
	QPDFObjectHandle root = in->q->getRoot().getKey("/Pages");
	if (!root.isDictionary())
		throw std::runtime_error("no page tree");
	walk(in, root, inherited(), above, pages_seen, 0, forgetting);
	if (forgetting)
		for (auto const &p : in->pages)
			if (p.box.annots)
				return false;
	return true;
}

/*
 * Open the document (again) and read its pages. Returns false when it
 * has annotations: they must be flattened first, with the whole
 * document kept.
 */
bool
read_pages(ul_qpdf_in *in, void const *data, size_t len, char const *name,
	   bool forgetting)
{
	in->labels.reset();
	in->q.reset(new QPDF);
	in->q->setSuppressWarnings(true);
	in->q->processMemoryFile(name, static_cast<char const *>(data), len,
				 "");
	/* A form may have to be given its appearances: read it whole. */
	if (forgetting && in->q->getRoot().getKey("/AcroForm").isDictionary())
		return false;
	if (!forgetting) {
		/* Broken page trees throw here, not later. */
		QPDFPageDocumentHelper(*in->q).getAllPages();
		return true;
	}
	return walk_all(in, true);
}

/*
 * Make annotations and filled form fields part of the pages' content, as
 * they print (appearance streams; generated first where the form asks).
 */
void
flatten(ul_qpdf_in *in)
{
	QPDFAcroFormDocumentHelper af(*in->q);
	bool generate = af.getNeedAppearances();
	af.generateAppearancesIfNeeded();
	/*
	 * qpdf writes a generated field value as a token filter on the
	 * appearance stream, which a copy into another document does not
	 * carry: write each such stream's data out for good.
	 */
	if (generate)
		for (auto &pg : QPDFPageDocumentHelper(*in->q).getAllPages())
			for (auto &w : af.getWidgetAnnotationsForPage(pg)) {
				QPDFObjectHandle ap = w.getAppearanceStream("/N");
				if (!ap.isStream())
					continue;
				auto data = ap.getStreamData(qpdf_dl_generalized);
				ap.replaceStreamData(data,
						     QPDFObjectHandle::newNull(),
						     QPDFObjectHandle::newNull());
			}
	QPDFPageDocumentHelper(*in->q).flattenAnnotations(
		an_print, an_invisible | an_hidden);
}

} // namespace

extern "C" {

struct ul_qpdf_in *
ul_qpdf_open(const void *data, size_t len, const char *name,
	     enum ul_qpdf_fail *why, char **err)
{
	auto in = new ul_qpdf_in;
	*why = UL_QPDF_DAMAGED;
	*err = nullptr;
	try {
		bool annots = !read_pages(in, data, len, name, true);
		/*
		 * Annotations print as they display: qpdf flattens them over
		 * the whole document, so the document is read again and kept.
		 */
		if (annots) {
			read_pages(in, data, len, name, false);
			flatten(in);
			walk_all(in, false);
		}
		return in;
	} catch (QPDFExc const &e) {
		if (e.getErrorCode() == qpdf_e_password)
			*why = UL_QPDF_PASSWORD;
		set_err(err, e);
	} catch (std::exception const &e) {
		set_err(err, e);
	}
	delete in;
	return nullptr;
}

void
ul_qpdf_close(struct ul_qpdf_in *in)
{
	delete in;
}

int
ul_qpdf_npages(struct ul_qpdf_in *in)
{
	return static_cast<int>(in->pages.size());
}

int
ul_qpdf_page(struct ul_qpdf_in *in, int i, struct ul_qpdf_page *p,
	     char **err)
{
	*err = nullptr;
	if (i < 0 || static_cast<size_t>(i) >= in->pages.size()) {
		*err = dup("no such page");
		return -1;
	}
	*p = in->pages[static_cast<size_t>(i)].box;
	return 0;
}

void
ul_qpdf_labels_done(struct ul_qpdf_in *in)
{
	try {
		in->labels.reset();
		/* Never written: the number tree goes, and its objects. */
		QPDFObjectHandle root = in->q->getRoot();
		QPDFObjectHandle l = root.getKey("/PageLabels");
		root.removeKey("/PageLabels");
		forget(in->q.get(), l);
	} catch (std::exception const &) {
	}
}

char *
ul_qpdf_info(struct ul_qpdf_in *in, const char *key)
{
	try {
		QPDFObjectHandle info = in->q->getTrailer().getKey("/Info");
		if (!info.isDictionary())
			return nullptr;
		QPDFObjectHandle v = info.getKey(std::string("/") + key);
		if (!v.isString())
			return nullptr;
		std::string s = v.getUTF8Value();
		/* A NUL would cut the string short: what follows is not text. */
		s = s.substr(0, strlen(s.c_str()));
		return s.empty() ? nullptr : dup(s);
	} catch (std::exception const &) {
		return nullptr;
	}
}

char *
ul_qpdf_label(struct ul_qpdf_in *in, int i)
{
	try {
		if (!in->labels)
			in->labels.reset(new QPDFPageLabelDocumentHelper(*in->q));
		if (!in->labels->hasPageLabels())
			return nullptr;
		QPDFObjectHandle l = in->labels->getLabelForPage(i);
		if (!l.isDictionary())
			return nullptr;
		std::string s;
		QPDFObjectHandle pfx = l.getKey("/P");
		if (pfx.isString())
			s = pfx.getUTF8Value();
		QPDFObjectHandle st = l.getKey("/St");
		if (l.getKey("/S").isName())
			s += std::to_string(st.isInteger() ? st.getIntValue() :
					    i + 1);
		s = s.substr(0, strlen(s.c_str()));
		return dup(s);
	} catch (std::exception const &) {
		return nullptr;
	}
}

} // extern "C"

/*
 * The output is written as it is made, never held: a form's objects go
 * to the file when the form is first placed, a sheet's when the next one
 * begins. Objects of the inputs are numbered as they are first reached
 * and written with their references renumbered; stream data is piped raw
 * from the input (decrypted, never decoded). What stays in memory is an
 * offset per written object and a number per copied one, so the cost of
 * a deck is its bytes, not an object model of it (QPDFWriter would need
 * the whole output as qpdf objects first: 0.1 MB a card).
 */
struct ul_qpdf_out {
	FILE *fp = nullptr;
	long long pos = 0;		/* bytes written */
	uint64_t id[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
	/*
	 * Where each object is, by number ([0] unused): at an offset in the
	 * file, or (objstm > 0) the index-th object of an object stream.
	 * Objects other than streams are packed into object streams, a
	 * hundred at a time: no bigger than the input, which has them too.
	 */
	struct place {
		long long offset = 0;
		int objstm = 0, index = 0;
		bool done = false;
	};
	std::vector<place> offsets;
	std::vector<std::pair<int, std::string>> batch;	/* the next objstm */
	/* an input object (its document, its number) -> ours */
	std::map<std::pair<QPDF *, QPDFObjGen>, int> numbers;
	struct todo {
		int num;
		QPDF *q;
		QPDFObjectHandle h;
	};
	std::vector<todo> pending;	/* numbered, not yet written */
	std::map<std::pair<ul_qpdf_in *, int>, int> made;  /* -> form's number */
	std::map<QPDF *, ul_qpdf_in *> inputs;
	std::vector<int> kids;		/* the sheets' page objects */
	/* the sheet being filled */
	bool open = false;
	/* What went wrong where no error can be returned (closing a sheet
	 * reads input objects, which may throw): ul_qpdf_out_finish says it. */
	char *deferred_err = nullptr;
	double w = 0, h = 0;
	std::string content;
	std::set<int> used;
	/* the marks laid over it: their document, resources and contents */
	QPDF *over_q = nullptr;
	QPDFObjectHandle over_res;
	std::vector<QPDFObjectHandle> over_contents;
};

namespace {

enum { CATALOG = 1, PAGES = 2, INFO = 3 };

void
put(ul_qpdf_out *o, void const *data, size_t len)
{
	if (!len)
		return;
	fwrite(data, 1, len, o->fp);
	o->pos += static_cast<long long>(len);
	/* Two FNV-1a lanes: the file's /ID, the same for the same bytes. */
	auto p = static_cast<unsigned char const *>(data);
	uint64_t a = o->id[0], b = o->id[1];
	for (size_t k = 0; k < len; k++) {
		a = (a ^ p[k]) * 0x100000001b3ULL;
		b = (b ^ p[k] ^ 0x5a) * 0x100000001b3ULL;
	}
	o->id[0] = a, o->id[1] = b;
}

void
put(ul_qpdf_out *o, std::string const &s)
{
	put(o, s.data(), s.size());
}

int
alloc(ul_qpdf_out *o)
{
	o->offsets.emplace_back();
	return static_cast<int>(o->offsets.size() - 1);
}

/* A stream object begins here (streams are never in object streams). */
void
begin_obj(ul_qpdf_out *o, int n)
{
	o->offsets[n].offset = o->pos;
	o->offsets[n].done = true;
	put(o, std::to_string(n) + " 0 obj\n");
}

void write_deflated(ul_qpdf_out *, int, std::string const &,
		    std::string const &);

/* Write the objects gathered so far as one object stream. */
void
flush_batch(ul_qpdf_out *o)
{
	if (o->batch.empty())
		return;
	int n = alloc(o);
	std::string head, body;
	int index = 0;
	for (auto const &b : o->batch) {
		head += std::to_string(b.first) + " " +
			std::to_string(body.size()) + " ";
		body += b.second;
		body += '\n';
		auto &pl = o->offsets[b.first];
		pl.objstm = n, pl.index = index++, pl.done = true;
	}
	write_deflated(o, n, "/Type /ObjStm /N " +
		       std::to_string(o->batch.size()) + " /First " +
		       std::to_string(head.size()) + " ", head + body);
	o->batch.clear();
}

/* Object n, not a stream: text is its value. */
void
put_obj(ul_qpdf_out *o, int n, std::string text)
{
	o->batch.emplace_back(n, std::move(text));
	if (o->batch.size() >= 100)
		flush_batch(o);
}

/* Stream data from qpdf straight into the output. */
class Out : public Pipeline {
      public:
	explicit Out(ul_qpdf_out *o) : Pipeline("output", nullptr), o(o) {}
	void
	write(unsigned char const *data, size_t len) override
	{
		put(o, data, len);
	}
	void
	finish() override
	{
	}

      private:
	ul_qpdf_out *o;
};

/* Passes data on, never the end: several streams into one. */
class Unfinished : public Pipeline {
      public:
	explicit Unfinished(Pipeline *next) : Pipeline("join", next) {}
	void
	write(unsigned char const *data, size_t len) override
	{
		getNext()->write(data, len);
	}
	void
	finish() override
	{
	}
};

/* Our number for input object h of q, queued to be written. */
int
number(ul_qpdf_out *o, QPDF *q, QPDFObjectHandle h)
{
	auto key = std::make_pair(q, h.getObjGen());
	auto it = o->numbers.find(key);
	if (it != o->numbers.end())
		return it->second;
	int n = alloc(o);
	o->numbers.emplace(key, n);
	o->pending.push_back(ul_qpdf_out::todo{ n, q, h });
	return n;
}

std::string
name(std::string const &key)
{
	return QPDFObjectHandle::newName(key).unparse();
}

void unparse(ul_qpdf_out *, QPDF *, QPDFObjectHandle, std::string &);

/* h's value itself, even when h is an indirect object. */
void
unparse_value(ul_qpdf_out *o, QPDF *q, QPDFObjectHandle h, std::string &s)
{
	switch (h.getTypeCode()) {
	case ::ot_array: {
		s += '[';
		bool first = true;
		for (auto item : h.aitems()) {
			if (!first)
				s += ' ';
			first = false;
			unparse(o, q, item, s);
		}
		s += ']';
		break;
	}
	case ::ot_dictionary:
		s += "<<";
		/* Not ditems(): it resolves each value to skip nulls. */
		for (auto const &kv : h.getDictAsMap()) {
			if (!kv.second.isIndirect() &&
			    QPDFObjectHandle(kv.second).isNull())
				continue;
			s += name(kv.first);
			s += ' ';
			unparse(o, q, kv.second, s);
			s += ' ';
		}
		s += ">>";
		break;
	case ::ot_null:
	case ::ot_boolean:
	case ::ot_integer:
	case ::ot_real:
	case ::ot_string:
	case ::ot_name:
		s += h.unparse();
		break;
	default:
		s += "null";
		break;
	}
}

/* h as a value in another object: a reference when it is indirect. */
void
unparse(ul_qpdf_out *o, QPDF *q, QPDFObjectHandle h, std::string &s)
{
	if (h.isIndirect()) {
		s += std::to_string(number(o, q, h));
		s += " 0 R";
		return;
	}
	unparse_value(o, q, h, s);
}

/*
 * Write a stream object: dict (without /Length, which follows as its own
 * object, counted as the data goes by), then the data pipe() sends.
 */
template <class F>
void
write_stream(ul_qpdf_out *o, int n, std::string const &dict, F pipe)
{
	int len = alloc(o);
	begin_obj(o, n);
	put(o, "<<" + dict + "/Length " + std::to_string(len) +
		" 0 R>>\nstream\n");
	long long start = o->pos;
	pipe();
	long long size = o->pos - start;
	put(o, "\nendstream\nendobj\n");
	put_obj(o, len, std::to_string(size));
}

/* A stream's dictionary but its /Length, as "/Key value " pairs. */
std::string
stream_dict(ul_qpdf_out *o, QPDF *q, QPDFObjectHandle d)
{
	std::string s;
	for (auto const &kv : d.getDictAsMap()) {
		if (kv.first == "/Length" || (!kv.second.isIndirect() &&
					      QPDFObjectHandle(kv.second).isNull()))
			continue;
		s += name(kv.first);
		s += ' ';
		unparse(o, q, kv.second, s);
		s += ' ';
	}
	return s;
}

/*
 * Forget input object h once written: every later reference to it is
 * answered from o->numbers without resolving it. Not a page's content
 * stream, which that page still has to read.
 */
void
forget_written(ul_qpdf_out *o, ul_qpdf_out::todo const &t)
{
	auto in = o->inputs.find(t.q);
	if (in != o->inputs.end() &&
	    in->second->content_uses.count(t.h.getObjGen()))
		return;
	forget(t.q, t.h);
}

void
write_object(ul_qpdf_out *o, ul_qpdf_out::todo const &t)
{
	QPDFObjectHandle h = t.h;
	if (h.isStream()) {
		std::string d = stream_dict(o, t.q, h.getDict());
		write_stream(o, t.num, d, [&] {
			Out out(o);
			if (!h.pipeStreamData(&out, nullptr, 0, qpdf_dl_none,
					      true, false))
				throw std::runtime_error(
					"object " + h.getObjGen().unparse(' ') +
					": unreadable stream data");
		});
		forget_written(o, t);
		return;
	}
	/* As qpdf copies between documents: never into another page. */
	std::string s;
	if (h.isPageObject() || h.isPagesObject())
		s = "null";
	else
		unparse_value(o, t.q, h, s);
	put_obj(o, t.num, std::move(s));
	forget_written(o, t);
}

/* Whether h is an input object already numbered (and maybe forgotten). */
bool
written(ul_qpdf_out *o, QPDF *q, QPDFObjectHandle h)
{
	return h.isIndirect() &&
		o->numbers.count(std::make_pair(q, h.getObjGen()));
}

/* Write what was numbered and not yet written, and what that reaches. */
void
drain(ul_qpdf_out *o)
{
	while (!o->pending.empty()) {
		ul_qpdf_out::todo t = o->pending.back();
		o->pending.pop_back();
		write_object(o, t);
	}
}

/* A number in a content stream or an array: short, and never "1e-05". */
std::string
real(double v)
{
	if (std::fabs(v) < 1e-6)
		v = 0;
	std::string s = QUtil::double_to_string(v, 5, true);
	return s == "-0" ? "0" : s;
}

/*
 * Our own stream, Flate-compressed, its /Length direct (an object
 * stream's must be); dict is more "/Key value " pairs.
 */
void
write_deflated(ul_qpdf_out *o, int n, std::string const &dict,
	       std::string const &data)
{
	Pl_Buffer buf("deflated");
	Pl_Flate flate("deflate", &buf, Pl_Flate::a_deflate);
	flate.write(reinterpret_cast<unsigned char const *>(data.data()),
		    data.size());
	flate.finish();
	auto z = buf.getBufferSharedPointer();
	begin_obj(o, n);
	put(o, "<<" + dict + "/Filter /FlateDecode /Length " +
		std::to_string(z->getSize()) + ">>\nstream\n");
	put(o, z->getBuffer(), z->getSize());
	put(o, "\nendstream\nendobj\n");
}

/*
 * The sheet's resources: the placed forms, and the marks' own resources
 * when they are laid over (their names cannot be ours: /UlF is not one
 * cairo makes).
 */
std::string
sheet_resources(ul_qpdf_out *o)
{
	std::string s = "<<", xo;
	if (o->over_res.isDictionary())
		for (auto const &kv : o->over_res.getDictAsMap()) {
			QPDFObjectHandle v = kv.second;
			if (kv.first == "/XObject") {
				if (v.isDictionary())
					for (auto const &x : v.getDictAsMap()) {
						xo += name(x.first) + " ";
						unparse(o, o->over_q, x.second, xo);
						xo += ' ';
					}
				continue;
			}
			if (!v.isIndirect() && v.isNull())
				continue;
			s += name(kv.first) + " ";
			unparse(o, o->over_q, v, s);
			s += ' ';
		}
	for (int f : o->used)
		xo += "/UlF" + std::to_string(f) + " " + std::to_string(f) +
			" 0 R ";
	return s + "/XObject <<" + xo + ">> >>";
}

void
close_sheet(ul_qpdf_out *o)
{
	if (!o->open)
		return;
	o->open = false;
	int content = alloc(o), page = alloc(o);
	write_deflated(o, content, "", o->content);
	std::string s = "<</Type /Page /Parent " + std::to_string(PAGES) +
		" 0 R /MediaBox [0 0 " + real(o->w) + " " + real(o->h) +
		"] /Resources " + sheet_resources(o) + " /Contents [" +
		std::to_string(content) + " 0 R";
	/* The marks' content streams follow ours, copied as they are. */
	for (auto &c : o->over_contents)
		s += " " + std::to_string(number(o, o->over_q, c)) + " 0 R";
	put_obj(o, page, s + "]>>");
	o->kids.push_back(page);
	o->content.clear();
	o->used.clear();
	o->over_q = nullptr;
	o->over_res = QPDFObjectHandle();
	o->over_contents.clear();
	drain(o);
}

/* "1.7" -> 17: PDF versions compared. */
int
version_rank(std::string const &v)
{
	int major = 0, minor = 0;
	if (sscanf(v.c_str(), "%d.%d", &major, &minor) < 1)
		return 0;
	return major * 10 + minor;
}

} // namespace

extern "C" {

struct ul_qpdf_out *
ul_qpdf_out_new(FILE *fp, struct ul_qpdf_in *const *ins, size_t n)
{
	auto o = new ul_qpdf_out;
	o->fp = fp;
	/* What object streams need, or what an input says it is. */
	std::string version = "1.5";
	for (size_t i = 0; i < n; i++) {
		o->inputs[ins[i]->q.get()] = ins[i];
		std::string v = ins[i]->q->getPDFVersion();
		if (version_rank(v) > version_rank(version) &&
		    version_rank(v) <= 20)
			version = v;
	}
	o->offsets.emplace_back();
	alloc(o), alloc(o), alloc(o);	/* CATALOG, PAGES, INFO */
	put(o, "%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n");
	return o;
}

void
ul_qpdf_out_free(struct ul_qpdf_out *o)
{
	if (o)
		free(o->deferred_err);
	delete o;
}

int
ul_qpdf_out_form(struct ul_qpdf_out *o, struct ul_qpdf_in *in, int i,
		 const struct ul_qpdf_box *b, char **err)
{
	*err = nullptr;
	auto key = std::make_pair(in, i);
	auto it = o->made.find(key);
	if (it != o->made.end())
		return it->second;
	try {
		QPDF *q = in->q.get();
		page_src const &pg = in->pages.at(static_cast<size_t>(i));
		QPDFObjectHandle res = pg.resources, contents = pg.contents;
		/* The region upright, its lower left corner at the origin. */
		double uu = pg.box.user_unit, m[6];
		switch (pg.box.rotate) {
		case 90:
			m[0] = 0, m[1] = -1, m[2] = 1, m[3] = 0;
			m[4] = -b->y0, m[5] = b->x1;
			break;
		case 180:
			m[0] = -1, m[1] = 0, m[2] = 0, m[3] = -1;
			m[4] = b->x1, m[5] = b->y1;
			break;
		case 270:
			m[0] = 0, m[1] = 1, m[2] = -1, m[3] = 0;
			m[4] = b->y1, m[5] = -b->x0;
			break;
		default:
			m[0] = 1, m[1] = 0, m[2] = 0, m[3] = 1;
			m[4] = -b->x0, m[5] = -b->y0;
			break;
		}
		std::string d = "/Type /XObject /Subtype /Form /BBox [" +
			real(b->x0) + " " + real(b->y0) + " " + real(b->x1) +
			" " + real(b->y1) + "] /Matrix [";
		for (int k = 0; k < 6; k++)
			d += real(m[k] * uu) + (k < 5 ? " " : "] ");
		d += "/Resources ";
		if (written(o, q, res) || res.isDictionary())
			unparse(o, q, res, d);
		else
			d += "<<>>";
		d += ' ';
		/* Transparency, blending: the page's group is the form's. */
		QPDFObjectHandle grp = pg.group;
		if (pg.group_text) {
			d += "/Group " + *pg.group_text + " ";
		} else if (written(o, q, grp) || grp.isDictionary()) {
			d += "/Group ";
			unparse(o, q, grp, d);
			d += ' ';
		}
		int n = alloc(o);
		if (contents.isStream()) {
			/* The bytes as they are, still compressed. */
			QPDFObjectHandle sd = contents.getDict();
			for (char const *k : { "/Filter", "/DecodeParms" })
				if (sd.hasKey(k)) {
					d += std::string(k) + " ";
					unparse(o, q, sd.getKey(k), d);
					d += ' ';
				}
			write_stream(o, n, d, [&] {
				Out out(o);
				if (!contents.pipeStreamData(&out, nullptr, 0,
							     qpdf_dl_none, true,
							     false))
					throw std::runtime_error(
						"unreadable content stream");
			});
		} else if (contents.isArray()) {
			/* Compressed streams cannot be joined raw. */
			write_stream(o, n, d + "/Filter /FlateDecode ", [&] {
				Out out(o);
				Pl_Flate flate("deflate", &out,
					       Pl_Flate::a_deflate);
				/* Each stream piped finishes its pipeline. */
				Unfinished join(&flate);
				/* As qpdf joins them: a newline after each. */
				for (auto st : contents.aitems()) {
					if (!st.isStream())
						continue;
					if (!st.pipeStreamData(&join, nullptr, 0,
							       qpdf_dl_specialized,
							       true, false))
						throw std::runtime_error(
							"unreadable content stream");
					flate.write(reinterpret_cast<
						unsigned char const *>("\n"), 1);
				}
				flate.finish();
			});
		} else {
			write_stream(o, n, d, [] {});
		}
		/* Its last page placed, the content stream can go. */
		if (contents.isIndirect()) {
			auto u = in->content_uses.find(contents.getObjGen());
			if (u != in->content_uses.end() && --u->second <= 0) {
				in->content_uses.erase(u);
				forget(q, contents);
			}
		}
		drain(o);
		o->made[key] = n;
		return n;
	} catch (std::exception const &e) {
		set_err(err, e);
		return -1;
	}
}

void
ul_qpdf_out_sheet(struct ul_qpdf_out *o, double w, double h)
{
	/* An exception must never cross into C (the fuzzer found a page
	 * tree without /Root thrown from here: abort). */
	try {
		close_sheet(o);
	} catch (std::exception const &e) {
		if (!o->deferred_err)
			set_err(&o->deferred_err, e);
	}
	o->open = true;
	o->w = w;
	o->h = h;
}

void
ul_qpdf_out_place(struct ul_qpdf_out *o, int form, const double m[6],
		  const double *clip)
{
	std::string &c = o->content;
	c += "q\n";
	if (clip)
		c += real(clip[0]) + " " + real(clip[1]) + " " +
			real(clip[2]) + " " + real(clip[3]) + " re W n\n";
	for (int k = 0; k < 6; k++)
		c += real(m[k]) + " ";
	c += "cm /UlF" + std::to_string(form) + " Do Q\n";
	o->used.insert(form);
}

int
ul_qpdf_out_overlay(struct ul_qpdf_out *o, struct ul_qpdf_in *in, int i,
		    char **err)
{
	*err = nullptr;
	try {
		page_src const &pg = in->pages.at(static_cast<size_t>(i));
		o->over_q = in->q.get();
		o->over_res = pg.resources;
		o->over_contents.clear();
		QPDFObjectHandle c = pg.contents;
		if (c.isStream())
			o->over_contents.push_back(c);
		else if (c.isArray())
			for (auto st : c.aitems())
				if (st.isStream())
					o->over_contents.push_back(st);
		return 0;
	} catch (std::exception const &e) {
		set_err(err, e);
		return -1;
	}
}

int
ul_qpdf_out_finish(struct ul_qpdf_out *o, const struct ul_qpdf_meta *meta,
		   char **err)
{
	*err = nullptr;
	errno = 0;
	if (o->deferred_err) {
		*err = o->deferred_err;
		o->deferred_err = nullptr;
		errno = EINVAL;
		return -1;
	}
	try {
		close_sheet(o);
		std::string s = "<</Type /Pages /Kids [";
		for (size_t k = 0; k < o->kids.size(); k++)
			s += (k ? " " : "") + std::to_string(o->kids[k]) +
				" 0 R";
		s += "] /Count " + std::to_string(o->kids.size()) + ">>";
		put_obj(o, PAGES, s);
		put_obj(o, CATALOG, "<</Type /Catalog /Pages " +
			std::to_string(PAGES) + " 0 R>>");
		s = "<<";
		auto text = [&](char const *key, char const *v) {
			if (v)
				s += std::string(key) + " " +
					QPDFObjectHandle::newUnicodeString(v)
						.unparse() + " ";
		};
		text("/Title", meta->title);
		text("/Creator", meta->creator);
		text("/Producer", meta->producer);
		text("/CreationDate", meta->date);
		text("/ModDate", meta->date);
		put_obj(o, INFO, s + ">>");
		flush_batch(o);

		/* The cross-reference stream: type, offset or objstm, index. */
		int xref = alloc(o);
		o->offsets[xref].offset = o->pos;
		o->offsets[xref].done = true;
		size_t size = o->offsets.size();
		std::string rows;
		rows.reserve(size * 7);
		auto row = [&](int type, unsigned long long v, int idx) {
			rows += static_cast<char>(type);
			for (int sh = 24; sh >= 0; sh -= 8)
				rows += static_cast<char>((v >> sh) & 255);
			rows += static_cast<char>((idx >> 8) & 255);
			rows += static_cast<char>(idx & 255);
		};
		row(0, 0, 65535);
		for (size_t n = 1; n < size; n++) {
			auto const &pl = o->offsets[n];
			/* Every number given was written: nothing dangles. */
			if (!pl.done)
				throw std::logic_error("object " +
					std::to_string(n) + " never written");
			if (pl.objstm)
				row(2, static_cast<unsigned>(pl.objstm),
				    pl.index);
			else if (pl.offset > 0xffffffffLL)
				throw std::length_error("output over 4 GB");
			else
				row(1, static_cast<unsigned long long>(
					    pl.offset), 0);
		}
		char id[40];
		snprintf(id, sizeof(id), "%016llx%016llx",
			 static_cast<unsigned long long>(o->id[0]),
			 static_cast<unsigned long long>(o->id[1]));
		long long start = o->pos;
		Pl_Buffer buf("xref");
		Pl_Flate flate("deflate", &buf, Pl_Flate::a_deflate);
		flate.write(reinterpret_cast<unsigned char const *>(
				    rows.data()), rows.size());
		flate.finish();
		auto data = buf.getBufferSharedPointer();
		put(o, std::to_string(xref) + " 0 obj\n<</Type /XRef /Size " +
			std::to_string(size) + " /W [1 4 2] /Root " +
			std::to_string(CATALOG) + " 0 R /Info " +
			std::to_string(INFO) + " 0 R /ID [<" + id + "> <" + id +
			">] /Filter /FlateDecode /Length " +
			std::to_string(data->getSize()) + ">>\nstream\n");
		put(o, data->getBuffer(), data->getSize());
		put(o, "\nendstream\nendobj\nstartxref\n" +
			std::to_string(start) + "\n%%EOF\n");
		if (fflush(o->fp) != 0 || ferror(o->fp)) {
			*err = dup(strerror(errno ? errno : EIO));
			if (!errno)
				errno = EIO;
			return -1;
		}
		return 0;
	} catch (std::exception const &e) {
		if (!errno)
			errno = EIO;
		set_err(err, e);
	}
	return -1;
}

} // extern "C"
