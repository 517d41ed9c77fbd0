/* SPDX-License-Identifier: ISC */
/*
 * The libqpdf bridge (see qpdfbridge.h): the project's only C++. Opens
 * input PDFs with qpdf, turns pages into Form XObjects whose content and
 * resources are the page's own, untouched, and writes sheets that place
 * them. Owns the qpdf objects and the translation of qpdf's exceptions
 * into messages; knows nothing of imposition, marks or diagnostics.
 *
 * Nothing here interprets a content stream: a page's content is copied
 * as raw bytes (its filters kept), images and fonts through qpdf's object
 * copier, so a content-stream or image bomb costs what its bytes cost.
 * The one exception is a page whose content is an array of streams: those
 * are decoded and joined, because compressed streams cannot be joined raw.
 */
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <qpdf/Buffer.hh>
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
#include <qpdf/QPDFSystemError.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>

#include "qpdfbridge.h"

struct ul_qpdf_in {
	QPDF q;
	std::vector<QPDFPageObjectHelper> pages;
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

/* Joins a page's content streams, decoded, as one stream's data. */
class JoinedContents : public QPDFObjectHandle::StreamDataProvider {
      public:
	explicit JoinedContents(QPDFObjectHandle page) : page(page) {}
	void
	provideStreamData(QPDFObjGen const &, Pipeline *p) override
	{
		QPDFPageObjectHelper(page).pipeContents(p);
	}

      private:
	QPDFObjectHandle page;
};

/* x y in a content stream: short, and never "1e-05". */
std::string
num(double v)
{
	if (std::fabs(v) < 1e-6)
		v = 0;
	std::string s = QUtil::double_to_string(v, 4, true);
	return s == "-0" ? "0" : s;
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
		in->q.setSuppressWarnings(true);
		in->q.processMemoryFile(name, static_cast<char const *>(data),
					len, "");
		/* Broken page trees throw here, not later. */
		in->pages = QPDFPageDocumentHelper(in->q).getAllPages();
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
	memset(p, 0, sizeof(*p));
	try {
		QPDFPageObjectHelper &pg = in->pages.at(i);
		/* A page with no MediaBox is US letter, as viewers show it. */
		if (!read_box(pg.getAttribute("/MediaBox", false), &p->media))
			p->media = ul_qpdf_box{ 0, 0, 612, 792 };
		p->has_crop = read_box(pg.getAttribute("/CropBox", false),
				       &p->crop);
		QPDFObjectHandle d = pg.getObjectHandle();
		p->has_bleed = read_box(d.getKey("/BleedBox"), &p->bleed);
		p->has_trim = read_box(d.getKey("/TrimBox"), &p->trim);
		QPDFObjectHandle rot = pg.getAttribute("/Rotate", false);
		if (rot.isInteger()) {
			long long r = rot.getIntValue() % 360;
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
		QPDFObjectHandle an = d.getKey("/Annots");
		p->annots = an.isArray() && an.getArrayNItems() > 0;
		return 0;
	} catch (std::exception const &e) {
		set_err(err, e);
		return -1;
	}
}

char *
ul_qpdf_info(struct ul_qpdf_in *in, const char *key)
{
	try {
		QPDFObjectHandle info = in->q.getTrailer().getKey("/Info");
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
			in->labels.reset(new QPDFPageLabelDocumentHelper(in->q));
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

int
ul_qpdf_flatten(struct ul_qpdf_in *in, char **err)
{
	*err = nullptr;
	try {
		QPDFAcroFormDocumentHelper af(in->q);
		bool generate = af.getNeedAppearances();
		af.generateAppearancesIfNeeded();
		/*
		 * qpdf writes a generated field value as a token filter on the
		 * appearance stream, which a copy into another document does
		 * not carry: write each such stream's data out for good.
		 */
		if (generate)
			for (auto &pg : in->pages)
				for (auto &w : af.getWidgetAnnotationsForPage(pg)) {
					QPDFObjectHandle ap =
						w.getAppearanceStream("/N");
					if (!ap.isStream())
						continue;
					auto data = ap.getStreamData(
						qpdf_dl_generalized);
					ap.replaceStreamData(
						data, QPDFObjectHandle::newNull(),
						QPDFObjectHandle::newNull());
				}
		QPDFPageDocumentHelper(in->q).flattenAnnotations(
			an_print, an_invisible | an_hidden);
		return 0;
	} catch (std::exception const &e) {
		set_err(err, e);
		return -1;
	}
}

} // extern "C"

struct ul_qpdf_out {
	QPDF q;
	std::vector<QPDFObjectHandle> forms;
	std::map<std::pair<ul_qpdf_in *, int>, int> made;
	std::set<std::string> versions;
	std::vector<QPDFObjectHandle> sheets;
	/* the sheet being filled */
	bool open = false;
	double w = 0, h = 0;
	std::string content;
	std::set<int> used;
	QPDFObjectHandle over_res;	/* the overlay's, or null */
	std::vector<QPDFObjectHandle> over_contents;
};

namespace {

/* A new stream holding data, Flate-compressed. */
QPDFObjectHandle
deflated(QPDF *q, std::string const &data)
{
	Pl_Buffer buf("deflated");
	Pl_Flate flate("deflate", &buf, Pl_Flate::a_deflate);
	flate.write(reinterpret_cast<unsigned char const *>(data.data()),
		    data.size());
	flate.finish();
	QPDFObjectHandle s = QPDFObjectHandle::newStream(q);
	s.replaceStreamData(buf.getBufferSharedPointer(),
			    QPDFObjectHandle::newName("/FlateDecode"),
			    QPDFObjectHandle::newNull());
	return s;
}

void
close_sheet(ul_qpdf_out *o)
{
	if (!o->open)
		return;
	/* The overlay's resources, with the placed forms' names added. */
	QPDFObjectHandle res = o->over_res.isDictionary() ?
		o->over_res.shallowCopy() : QPDFObjectHandle::newDictionary();
	QPDFObjectHandle xo = res.getKey("/XObject");
	xo = xo.isDictionary() ? xo.shallowCopy() :
		QPDFObjectHandle::newDictionary();
	for (int f : o->used)
		xo.replaceKey("/UlF" + std::to_string(f), o->forms[f]);
	res.replaceKey("/XObject", xo);
	QPDFObjectHandle page = QPDFObjectHandle::newDictionary();
	page.replaceKey("/Type", QPDFObjectHandle::newName("/Page"));
	page.replaceKey("/MediaBox", QPDFObjectHandle::newFromRectangle(
		QPDFObjectHandle::Rectangle(0, 0, o->w, o->h)));
	page.replaceKey("/Resources", res);
	QPDFObjectHandle contents = QPDFObjectHandle::newArray();
	contents.appendItem(deflated(&o->q, o->content));
	for (auto &c : o->over_contents)
		contents.appendItem(c);
	page.replaceKey("/Contents", contents);
	o->sheets.push_back(o->q.makeIndirectObject(page));
	o->open = false;
	o->content.clear();
	o->used.clear();
	o->over_res = QPDFObjectHandle();
	o->over_contents.clear();
}

} // namespace

extern "C" {

struct ul_qpdf_out *
ul_qpdf_out_new(void)
{
	auto o = new ul_qpdf_out;
	o->q.emptyPDF();
	o->q.setSuppressWarnings(true);
	return o;
}

void
ul_qpdf_out_free(struct ul_qpdf_out *o)
{
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
		QPDFPageObjectHelper &pg = in->pages.at(i);
		QPDFObjectHandle page = pg.getObjectHandle();
		QPDFObjectHandle res = pg.getAttribute("/Resources", false);
		QPDFObjectHandle contents = page.getKey("/Contents");
		QPDFObjectHandle form;
		if (contents.isStream()) {
			/* The bytes as they are, still compressed. */
			QPDFObjectHandle sd = contents.getDict();
			form = QPDFObjectHandle::newStream(
				&in->q, contents.getRawStreamData());
			form.replaceDict(QPDFObjectHandle::newDictionary());
			if (sd.hasKey("/Filter"))
				form.getDict().replaceKey(
					"/Filter", sd.getKey("/Filter"));
			if (sd.hasKey("/DecodeParms"))
				form.getDict().replaceKey(
					"/DecodeParms",
					sd.getKey("/DecodeParms"));
		} else if (contents.isArray()) {
			form = QPDFObjectHandle::newStream(&in->q);
			form.replaceStreamData(
				std::make_shared<JoinedContents>(page),
				QPDFObjectHandle::newNull(),
				QPDFObjectHandle::newNull());
		} else {
			form = QPDFObjectHandle::newStream(&in->q, "");
		}
		QPDFObjectHandle d = form.getDict();
		d.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
		d.replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
		d.replaceKey("/BBox", QPDFObjectHandle::newFromRectangle(
			QPDFObjectHandle::Rectangle(b->x0, b->y0, b->x1,
						    b->y1)));
		/* The region upright, its lower left corner at the origin. */
		double uu = 1, m[6];
		QPDFObjectHandle uuo = page.getKey("/UserUnit");
		if (uuo.isNumber() && uuo.getNumericValue() > 0 &&
		    uuo.getNumericValue() <= 75000)
			uu = uuo.getNumericValue();
		QPDFObjectHandle rot = pg.getAttribute("/Rotate", false);
		long long r = rot.isInteger() ? rot.getIntValue() % 360 : 0;
		if (r < 0)
			r += 360;
		switch (r) {
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
		QPDFObjectHandle ma = QPDFObjectHandle::newArray();
		for (double v : m)
			ma.appendItem(QPDFObjectHandle::newReal(v * uu, 4, true));
		d.replaceKey("/Matrix", ma);
		d.replaceKey("/Resources", res.isDictionary() ? res :
			     QPDFObjectHandle::newDictionary());
		/* Transparency, blending: the page's group is the form's. */
		QPDFObjectHandle grp = page.getKey("/Group");
		if (grp.isDictionary())
			d.replaceKey("/Group", grp);
		QPDFObjectHandle local = o->q.copyForeignObject(form);
		o->versions.insert(in->q.getPDFVersion());
		int id = static_cast<int>(o->forms.size());
		o->forms.push_back(local);
		o->made[key] = id;
		return id;
	} catch (std::exception const &e) {
		set_err(err, e);
		return -1;
	}
}

void
ul_qpdf_out_sheet(struct ul_qpdf_out *o, double w, double h)
{
	close_sheet(o);
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
		c += num(clip[0]) + " " + num(clip[1]) + " " + num(clip[2]) +
			" " + num(clip[3]) + " re W n\n";
	for (int k = 0; k < 6; k++)
		c += num(m[k]) + " ";
	c += "cm /UlF" + std::to_string(form) + " Do Q\n";
	o->used.insert(form);
}

int
ul_qpdf_out_overlay(struct ul_qpdf_out *o, struct ul_qpdf_in *in, int i,
		    char **err)
{
	*err = nullptr;
	try {
		QPDFPageObjectHelper &pg = in->pages.at(i);
		QPDFObjectHandle res = pg.getAttribute("/Resources", false);
		if (res.isDictionary()) {
			/* Only indirect objects cross documents. */
			if (!res.isIndirect())
				res = in->q.makeIndirectObject(res);
			o->over_res = o->q.copyForeignObject(res);
		}
		QPDFObjectHandle c = pg.getObjectHandle().getKey("/Contents");
		std::vector<QPDFObjectHandle> streams;
		if (c.isStream())
			streams.push_back(c);
		else if (c.isArray())
			streams = c.getArrayAsVector();
		for (auto &st : streams)
			if (st.isStream())
				o->over_contents.push_back(
					o->q.copyForeignObject(st));
		return 0;
	} catch (std::exception const &e) {
		set_err(err, e);
		return -1;
	}
}

int
ul_qpdf_out_write(struct ul_qpdf_out *o, FILE *fp,
		  const struct ul_qpdf_meta *meta, char **err)
{
	*err = nullptr;
	errno = 0;
	try {
		close_sheet(o);
		QPDFPageDocumentHelper pages(o->q);
		for (auto &s : o->sheets)
			pages.addPage(QPDFPageObjectHelper(s), false);
		QPDFObjectHandle info = QPDFObjectHandle::newDictionary();
		if (meta->title)
			info.replaceKey("/Title",
				QPDFObjectHandle::newUnicodeString(meta->title));
		if (meta->creator)
			info.replaceKey("/Creator",
				QPDFObjectHandle::newUnicodeString(meta->creator));
		if (meta->producer)
			info.replaceKey("/Producer",
				QPDFObjectHandle::newUnicodeString(meta->producer));
		if (meta->date) {
			info.replaceKey("/CreationDate",
				QPDFObjectHandle::newString(meta->date));
			info.replaceKey("/ModDate",
				QPDFObjectHandle::newString(meta->date));
		}
		o->q.getTrailer().replaceKey("/Info",
					     o->q.makeIndirectObject(info));
		QPDFWriter w(o->q);
		w.setOutputFile("output", fp, false);
		/*
		 * Input streams go out as they came in: nothing decoded, not
		 * even to be compressed again (qpdf would inflate a stream
		 * with two filters to try: an image bomb's gigabytes). Our
		 * own streams are compressed as they are made.
		 */
		w.setDecodeLevel(qpdf_dl_none);
		w.setCompressStreams(false);
		w.setObjectStreamMode(qpdf_o_generate);
		w.setDeterministicID(true);
		for (auto const &v : o->versions)
			w.setMinimumPDFVersion(v);
		w.write();
		if (fflush(fp) != 0 || ferror(fp)) {
			*err = dup(strerror(errno ? errno : EIO));
			return -1;
		}
		return 0;
	} catch (QPDFSystemError const &e) {
		errno = e.getErrno();
		*err = dup(strerror(errno));
	} catch (std::exception const &e) {
		if (!errno)
			errno = EIO;
		set_err(err, e);
	}
	return -1;
}

} // extern "C"
