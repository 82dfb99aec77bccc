"""A plain Python `requests` client of fintwin's Surepass Aadhaar v2, PAN and bank paths.

It posts the request bodies Surepass's integrators post (the shapes of the public Python client
surepass-sdk/surepass-python-sdk for Aadhaar v2, of the Surepass API docs for PAN and bank
verification) and checks that the answers have the documented shapes. Nothing here knows
fintwin's code: it reads the token, people and OTP inbox over fintwin's admin API, as any
client in any language can.

    python3 test/python/surepass_requests.py http://127.0.0.1:4010

Prints one JSON line per check and exits 1 if any check failed.
"""

import json
import sys

import requests

ENVELOPE = {"data", "status_code", "success", "message", "message_code"}
LEGACY_ENVELOPE = {"data", "status_code", "success", "message"}
AADHAAR_RECORD = {
    "client_id", "full_name", "aadhaar_number", "dob", "gender", "address", "face_status",
    "face_score", "zip", "profile_image", "has_image", "email_hash", "mobile_hash", "raw_xml",
    "zip_data", "care_of", "share_code", "mobile_verified", "reference_id", "aadhaar_pdf",
    "status", "uniqueness_id",
}
AADHAAR_ADDRESS = {
    "country", "dist", "state", "po", "loc", "vtc", "subdist", "street", "house", "landmark",
}
PAN_COMPREHENSIVE = {
    "client_id", "pan_number", "full_name", "full_name_split", "masked_aadhaar", "address",
    "email", "phone_number", "gender", "dob", "input_dob", "aadhaar_linked", "dob_verified",
    "dob_check", "category", "less_info",
}
BANK_DATA = {
    "client_id", "account_number", "account_exists", "upi_id", "full_name", "imps_ref_no",
    "remarks", "status", "ifsc_details",
}
IFSC_DETAILS = {
    "id", "ifsc", "micr", "iso3166", "swift", "bank", "bank_code", "bank_name", "branch",
    "centre", "district", "state", "city", "address", "contact", "imps", "rtgs", "neft", "upi",
    "micr_check",
}

failures = []


def check(name, condition, detail=None):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": detail}))
    if not condition:
        failures.append(name)


def main(base):
    session = requests.Session()
    fixtures = session.get(f"{base}/__sim/fixtures", timeout=10).json()["surepass"]
    session.headers.update({"Authorization": f"Bearer {fixtures['token']}"})
    people = {p["label"]: p for p in fixtures["people"]}
    happy = people["happy"]

    def post(path, body):
        response = session.post(f"{base}/api/v1{path}", json=body, timeout=10)
        return response.status_code, response.json()

    # Aadhaar v2: generate-otp {"id_number"} → data.client_id, otp_sent, if_number.
    status, body = post("/aadhaar-v2/generate-otp", {"id_number": happy["aadhaar_number"]})
    data = body.get("data") or {}
    check("aadhaar generate-otp 200", status == 200 and set(body) == ENVELOPE, body)
    check(
        "aadhaar generate-otp data",
        data.get("otp_sent") is True and data.get("if_number") is True
        and str(data.get("client_id", "")).startswith("aadhaar_v2_")
        and data.get("status") == "generate_otp_success",
        data,
    )
    client_id = data.get("client_id")
    otps = session.get(f"{base}/__sim/otps", params={"ref": client_id}, timeout=10).json()["otps"]
    check("otp in the inbox under the mobile", otps and otps[0]["phone"] == happy["mobile_number"], otps)

    # submit-otp {"client_id", "otp"} → the offline e-KYC record.
    status, body = post("/aadhaar-v2/submit-otp", {"client_id": client_id, "otp": otps[0]["otp"]})
    record = body.get("data") or {}
    check("aadhaar submit-otp 200", status == 200 and body.get("message_code") == "success", body)
    check("aadhaar record fields", set(record) == AADHAAR_RECORD, sorted(set(record) ^ AADHAAR_RECORD))
    check("aadhaar address fields", set(record.get("address") or {}) == AADHAAR_ADDRESS, record.get("address"))
    check(
        "aadhaar record is the person",
        record.get("full_name") == happy["full_name"] and record.get("dob") == happy["dob"]
        and record.get("aadhaar_number") == "XXXXXXXX" + happy["aadhaar_number"][-4:],
        {k: record.get(k) for k in ("full_name", "dob", "aadhaar_number")},
    )

    # An invalid Aadhaar: 422 with a partial data, as integrators' captured responses show.
    status, body = post("/aadhaar-v2/generate-otp", {"id_number": people["invalid_aadhaar"]["aadhaar_number"]})
    check(
        "aadhaar invalid 422 partial data",
        status == 422 and body.get("success") is False
        and (body.get("data") or {}).get("status") == "invalid_aadhaar",
        body,
    )

    # PAN lite, the docs' exact body: a PAN no record has → 422 "Invalid PAN", no message_code.
    status, body = post("/pan/pan", {"id_number": "EKRPR7936Z"})
    check("pan lite doc body 422", status == 422 and set(body) == LEGACY_ENVELOPE and body["message"] == "Invalid PAN", body)
    status, body = post("/pan/pan", {"id_number": happy["pan"]})
    check(
        "pan lite 200 without message_code",
        status == 200 and set(body) == LEGACY_ENVELOPE and body["message"] == ""
        and set(body["data"]) == {"pan_number", "full_name", "client_id", "category"},
        body,
    )
    status, body = post("/pan/pan-comprehensive", {"id_number": happy["pan"], "get_address": True})
    data = body.get("data") or {}
    check("pan comprehensive fields", status == 200 and set(data) == PAN_COMPREHENSIVE, body)
    check(
        "pan comprehensive masked_aadhaar ends in the Aadhaar digits",
        str(data.get("masked_aadhaar", "")).endswith(happy["aadhaar_number"][-4:]),
        data.get("masked_aadhaar"),
    )
    status, body = post("/pan/pan-with-details-v2", {"id_number": happy["pan"]})
    check("pan with details v2 valid", status == 200 and (body.get("data") or {}).get("status") == "valid", body)
    status, body = post("/pan/pan-with-details-v2", {"id_number": "EKRPR7936Z"})
    check("pan with details v2 422 message_code null", status == 422 and body.get("message_code") is None and "message_code" in body, body)

    # Bank verification, the docs' body shape, on the happy person's account.
    bank = happy["bank"]
    status, body = post("/bank-verification", {"id_number": bank["account_number"], "ifsc": bank["ifsc"], "ifsc_details": True})
    data = body.get("data") or {}
    check("bank 200 fields", status == 200 and set(data) == BANK_DATA and data.get("status") == "success", body)
    check("bank ifsc_details fields", set(data.get("ifsc_details") or {}) == IFSC_DETAILS, data.get("ifsc_details"))
    check("bank holder is the PAN name", data.get("full_name") == happy["full_name"], data.get("full_name"))
    # The docs' own IFSC, with an account no one holds there.
    status, body = post("/bank-verification/", {"id_number": "000123456789", "ifsc": "BARB0DAMOHA", "ifsc_details": True})
    data = body.get("data") or {}
    check(
        "bank doc IFSC unknown account 422",
        status == 422 and data.get("status") == "invalid_account" and data.get("account_exists") is False
        and (data.get("ifsc_details") or {}).get("ifsc") == "BARB0DAMOHA",
        body,
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: surepass_requests.py BASE_URL")
    main(sys.argv[1].rstrip("/"))
    sys.exit(1 if failures else 0)
