# Optional WAF (var.enable_waf in the root module): AWS managed common rules and known bad inputs.
# The common rule set's 8 KB body limit would block legitimate agent configurations (prompts of up
# to 20,000 characters, spec §4), so SizeRestrictions_BODY only counts; the service enforces its
# own 256 KB limit. WebSocket frames are not inspected by WAF (only the upgrade request).

locals {
  managed_rule_groups = {
    AWSManagedRulesCommonRuleSet = {
      priority       = 10
      count_override = ["SizeRestrictions_BODY"]
    }
    AWSManagedRulesKnownBadInputsRuleSet = {
      priority       = 20
      count_override = []
    }
  }
}

resource "aws_wafv2_web_acl" "this" {
  name        = "${var.name_prefix}-alb"
  description = "Invorto ALB protection"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.managed_rule_groups

    content {
      name     = rule.key
      priority = rule.value.priority

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          name        = rule.key
          vendor_name = "AWS"

          dynamic "rule_action_override" {
            for_each = rule.value.count_override

            content {
              name = rule_action_override.value

              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name_prefix}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name_prefix}-alb"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "alb" {
  resource_arn = var.alb_arn
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}
